package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.RemoteAtomicInt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Threads that do {@code n += 1} until stopped, through a fault, counting each update by what its
 * caller learned: acknowledged, in doubt ({@link OutcomeUnknownException}: sent, answer lost, never
 * retried) or refused ({@link StoreException}: surely not applied). {@link #mark()} starts a new
 * phase, so a test can check that every thread got updates acknowledged after the fault healed.
 */
final class UpdateLoad implements AutoCloseable {

    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong inDoubt = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLongArray acknowledgedSinceMark;
    private final List<Thread> threads = new ArrayList<>();
    private volatile int phase; // volatile: a thread reads it before its update, so a count lands in the phase it began in

    UpdateLoad(RemoteAtomicInt n, int threadCount) {
        acknowledgedSinceMark = new AtomicLongArray(threadCount);
        for (int t = 0; t < threadCount; t++) {
            int index = t;
            threads.add(Thread.ofPlatform().name("update-load-" + t).start(() -> {
                while (!stop.get()) {
                    int began = phase;
                    try {
                        n.add(1);
                        acknowledged.incrementAndGet();
                        if (began == phase) {
                            acknowledgedSinceMark.incrementAndGet(index);
                        }
                    } catch (OutcomeUnknownException e) {
                        inDoubt.incrementAndGet();
                    } catch (StoreException e) {
                        refused.incrementAndGet();
                        pause();
                    }
                }
            }));
        }
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long inDoubt() {
        return inDoubt.get();
    }

    long refused() {
        return refused.get();
    }

    /** Starts a new phase: acknowledgements are counted per thread from here on. */
    void mark() {
        for (int t = 0; t < acknowledgedSinceMark.length(); t++) {
            acknowledgedSinceMark.set(t, 0);
        }
        phase++;
    }

    /** Waits until every thread has had {@code updates} acknowledged since the mark, or fails after {@code seconds}. */
    void awaitEveryThreadAcknowledged(long updates, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        for (int t = 0; t < acknowledgedSinceMark.length(); t++) {
            while (acknowledgedSinceMark.get(t) < updates) {
                assertTrue(System.nanoTime() < deadline, "thread " + t + " had no update acknowledged since the mark: " + this);
                Thread.sleep(10);
            }
        }
    }

    /** Stops the threads and waits for them. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** {@code applied} (the value's growth) covers every acknowledged update and at most the in-doubt ones too. */
    void assertNothingLostNothingDoubled(BigInteger applied) {
        String report = this + ", applied " + applied;
        assertTrue(applied.compareTo(BigInteger.valueOf(acknowledged())) >= 0, "an acknowledged update was lost: " + report);
        assertTrue(applied.compareTo(BigInteger.valueOf(acknowledged() + inDoubt())) <= 0, "an update was applied twice: " + report);
    }

    @Override
    public String toString() {
        return "acknowledged " + acknowledged + ", in doubt " + inDoubt + ", refused " + refused;
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.atomicint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.store.OutcomeUnknownException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** AddCombiner: the adds that arrive while one is on its way go together in one send. */
@Timeout(60)
class AddCombinerTest {

    /** The uncombined add: records each sum it is given; the first send can be held at a gate. */
    private static final class Sends implements LongConsumer {
        final List<Long> sums = new CopyOnWriteArrayList<>();
        final AtomicLong total = new AtomicLong();
        final CountDownLatch firstEntered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        volatile LongConsumer refuse = sum -> {};

        @Override
        public void accept(long sum) {
            if (sums.isEmpty() && firstEntered.getCount() > 0) {
                firstEntered.countDown();
                await(gate);
            }
            refuse.accept(sum);
            sums.add(sum);
            total.addAndGet(sum);
        }
    }

    /** An add running on its own thread, with what it threw. */
    private static final class Adder {
        final Thread thread;
        volatile Throwable thrown;

        Adder(AddCombiner adds, long delta) {
            thread = Thread.ofPlatform().start(() -> {
                try {
                    adds.add(delta);
                } catch (Throwable t) {
                    thrown = t;
                }
            });
        }

        Throwable joined() throws InterruptedException {
            thread.join(Duration.ofSeconds(30));
            return thrown;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts an add that holds the first send at the gate, then one adder per delta, all waiting. */
    private static List<Adder> gatheredBehindAHeldSend(AddCombiner adds, Sends sends, long... deltas) throws InterruptedException {
        List<Adder> adders = new ArrayList<>();
        adders.add(new Adder(adds, 1));
        await(sends.firstEntered);
        for (long delta : deltas) {
            Adder adder = new Adder(adds, delta);
            while (adder.thread.getState() != Thread.State.WAITING) {
                Thread.sleep(1); // waiting: it has joined the gathering batch
            }
            adders.add(adder);
        }
        return adders;
    }

    @Test
    void aLoneAddIsSentAtOnceAndAlone() {
        Sends sends = new Sends();
        sends.gate.countDown();
        AddCombiner adds = new AddCombiner(sends, 1);
        adds.add(5);
        adds.add(-2);
        assertEquals(List.of(5L, -2L), sends.sums);
    }

    @Test
    void upToMaxSendingAddsGoAtOnceAloneBeforeLaterOnesGather() throws InterruptedException {
        Sends sends = new Sends();
        CountDownLatch secondEntered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        AddCombiner adds = new AddCombiner(sum -> {
            if (sum == 2) {
                secondEntered.countDown();
                await(gate);
            }
            sends.accept(sum);
        }, 2);
        List<Adder> adders = new ArrayList<>(List.of(new Adder(adds, 1)));
        await(sends.firstEntered);
        adders.add(new Adder(adds, 2)); // a second send while the first is held: alone, at once
        await(secondEntered);
        for (long delta : new long[] {10, 20}) {
            Adder adder = new Adder(adds, delta);
            while (adder.thread.getState() != Thread.State.WAITING) {
                Thread.sleep(1);
            }
            adders.add(adder);
        }
        sends.gate.countDown();
        gate.countDown();
        for (Adder adder : adders) {
            assertNull(adder.joined());
        }
        assertEquals(33, sends.total.get());
        assertEquals(3, sends.sums.size()); // 1, 2 and the gathered 30
        assertTrue(sends.sums.contains(30L), sends.sums.toString());
    }

    @Test
    void addsArrivingDuringASendGoTogetherInTheNextSend() throws InterruptedException {
        Sends sends = new Sends();
        AddCombiner adds = new AddCombiner(sends, 1);
        List<Adder> adders = gatheredBehindAHeldSend(adds, sends, 10, 20, 30, -7);
        sends.gate.countDown();
        for (Adder adder : adders) {
            assertNull(adder.joined());
        }
        assertEquals(List.of(1L, 53L), sends.sums);
    }

    @Test
    void everyAddFromManyThreadsLandsExactlyOnce() throws InterruptedException {
        Sends sends = new Sends();
        sends.gate.countDown();
        AddCombiner adds = new AddCombiner(sum -> {
            sends.accept(sum);
            Thread.onSpinWait();
        }, 3);
        int threads = 8;
        int perThread = 2000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long delta = t + 1;
            workers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    adds.add(i % 2 == 0 ? delta : -2 * delta);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long expected = 0;
        for (int t = 0; t < threads; t++) {
            expected += (perThread / 2) * (long) (t + 1) - (perThread / 2) * 2L * (t + 1);
        }
        assertEquals(expected, sends.total.get());
    }

    @Test
    void anUnknownOutcomeReachesEveryAdderOfTheBatch() throws InterruptedException {
        Sends sends = new Sends();
        sends.refuse = sum -> {
            if (sum == 6) {
                throw new OutcomeUnknownException("timed out", null);
            }
        };
        AddCombiner adds = new AddCombiner(sends, 1);
        List<Adder> adders = gatheredBehindAHeldSend(adds, sends, 1, 2, 3);
        sends.gate.countDown();
        assertNull(adders.get(0).joined());
        for (Adder adder : adders.subList(1, 4)) {
            assertInstanceOf(OutcomeUnknownException.class, adder.joined());
        }
        assertEquals(List.of(1L), sends.sums);
    }

    @Test
    void aBatchRefusedWholeIsRetriedOneAddAtATime() throws InterruptedException {
        Sends sends = new Sends();
        sends.refuse = sum -> {
            if (sum > 100) {
                throw new ArithmeticException("too large");
            }
        };
        AddCombiner adds = new AddCombiner(sends, 1);
        List<Adder> adders = gatheredBehindAHeldSend(adds, sends, 60, 70, 5);
        sends.gate.countDown();
        for (Adder adder : adders) {
            assertNull(adder.joined());
        }
        assertEquals(136, sends.total.get());
        assertEquals(4, sends.sums.size());
    }

    @Test
    void anAddRefusedAloneFailsOnlyItsOwnCaller() throws InterruptedException {
        Sends sends = new Sends();
        sends.refuse = sum -> {
            if (sum >= 200) {
                throw new ArithmeticException("too large");
            }
        };
        AddCombiner adds = new AddCombiner(sends, 1);
        List<Adder> adders = gatheredBehindAHeldSend(adds, sends, 200, 3);
        sends.gate.countDown();
        assertNull(adders.get(0).joined());
        assertInstanceOf(ArithmeticException.class, adders.get(1).joined());
        assertNull(adders.get(2).joined());
        assertEquals(4, sends.total.get());
    }

    @Test
    void anAddWhoseSumWouldPassALongGoesAloneAtOnce() throws InterruptedException {
        Sends sends = new Sends();
        AddCombiner adds = new AddCombiner(sends, 1);
        List<Adder> adders = gatheredBehindAHeldSend(adds, sends, Long.MAX_VALUE);
        Adder alone = new Adder(adds, 1);
        assertNull(alone.joined()); // sent while the first send is still held
        assertEquals(List.of(1L), sends.sums);
        sends.gate.countDown();
        for (Adder adder : adders) {
            assertNull(adder.joined());
        }
        assertEquals(List.of(1L, 1L, Long.MAX_VALUE), sends.sums);
    }
}

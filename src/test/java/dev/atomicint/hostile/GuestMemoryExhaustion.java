package dev.atomicint.hostile;

import dev.atomicint.AtomicInt;
import dev.atomicint.python.AtomicIntPython;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A child JVM's main for {@link MemoryExhaustionTest} (run with a small {@code -Xmx}): a victim
 * context and a Java thread count on one AtomicInt, an attacker context fills the heap until
 * the heap runs out (however GraalPy and the JVM report it), then the victim and the Java thread
 * count again, once the heap is back. Prints the attacker's outcome, whether the heap came back,
 * and the counts.
 */
public final class GuestMemoryExhaustion {

    private static final int ROUNDS = 20_000;

    private static final String FILL_HEAP = """
            blocks = []
            try:
                while True:
                    blocks.append(bytearray(1 << 20))
            except MemoryError:
                held = len(blocks)
                blocks = None
            f"MemoryError after {held} MiB"
            """;

    private GuestMemoryExhaustion() {}

    public static void main(String[] args) throws Exception {
        AtomicInt shared = new AtomicInt();
        try (Context victim = AtomicIntPython.newContext(Context.newBuilder("python"))) {
            Value count = victim.eval("python", "def count(n, rounds):\n    for _ in range(rounds):\n        n += 1\n    return 'ok'\ncount");
            Value counter = AtomicIntPython.toPython(victim, shared);
            countBoth(count, counter, shared);
            // In a thread of its own, which ends before the victim goes on: whatever the attacker's
            // eval left in the thread that entered its context goes with the thread. (Run in main,
            // the heap was once still full after attack() had returned: an OutOfMemoryError left
            // main right after, under load.)
            String[] outcome = new String[1];
            Thread attackerThread = new Thread(() -> {
                try {
                    outcome[0] = attack();
                } catch (InterruptedException | RuntimeException | Error e) {
                    outcome[0] = "threw " + e;
                }
            });
            attackerThread.start();
            attackerThread.join();
            System.out.println("attacker: " + outcome[0]);
            System.out.println("heap: " + awaitHeapReleased());
            countBoth(count, counter, shared);
            System.out.println("victim sees " + victim.eval("python", "lambda n: int(n)").execute(counter).asLong());
        }
        System.out.println("shared " + shared.get());
    }

    /**
     * An attacker context fills the heap; returns how its eval ended, in one line. Then it closes
     * the context, as an embedder ends a guest that ran the heap out. Both need heap while the
     * guest may still hold all of it (the eval's error can hold the guest's frames; a guest whose
     * handler could not run still has its blocks in a global until its context closes), so the
     * {@link #reserve} is let go as soon as the eval ends.
     */
    private static String attack() throws InterruptedException {
        reserve = new byte[RESERVE_BYTES];
        Context attacker = AtomicIntPython.newSandboxedContext(Context.newBuilder("python"));
        String outcome;
        try {
            outcome = attacker.eval("python", FILL_HEAP).asString().replaceAll("\\d+ MiB", "N MiB");
        } catch (PolyglotException e) {
            reserve = null;
            outcome = describe(e);
        } catch (OutOfMemoryError e) { // measured too: GraalPy raised no MemoryError, the JVM's error left the eval
            reserve = null;
            outcome = "OutOfMemoryError";
        }
        reserve = null;
        close(attacker);
        return outcome;
    }

    /**
     * Closes the attacker's context, again if the heap runs out while it closes: other threads (the
     * Truffle compiler's) can still hold heap for a while after the guest's eval ended. Under load,
     * an OutOfMemoryError once left attack() after the eval had ended, and the heap was free soon
     * after: the victim counted on.
     */
    private static void close(Context attacker) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                attacker.close(true);
                if (attempt > 1) {
                    System.err.println("closing the attacker's context took " + attempt + " attempts");
                }
                return;
            } catch (OutOfMemoryError e) {
                if (attempt == CLOSE_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static final int CLOSE_ATTEMPTS = 5;

    /**
     * Waits until a full collection leaves at most half the heap in use, as an embedder would
     * before handing the heap to other guests again; returns "released", or how much was still
     * in use when the wait ran out. The attacker's context is closed by then, but under load the
     * heap was once still full right after (the victim's next count raised MemoryError): another
     * thread (the Truffle compiler's) can hold heap for a while, and the closed context's blocks
     * are garbage only once nothing of its eval is on a stack.
     */
    private static String awaitHeapReleased() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long max = Runtime.getRuntime().maxMemory();
        long deadline = System.nanoTime() + HEAP_RELEASE_NANOS;
        for (int attempt = 1; ; attempt++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used <= max / 2) {
                if (attempt > 1) {
                    System.err.println("the heap was released after " + attempt + " collections");
                }
                return "released";
            }
            if (System.nanoTime() > deadline) {
                return (used >> 20) + " MiB of " + (max >> 20) + " still in use";
            }
            Thread.sleep(200);
        }
    }

    private static final long HEAP_RELEASE_NANOS = 60_000_000_000L;

    /** Heap kept back while the attacker runs: 32 MiB of the child's 512. */
    private static final int RESERVE_BYTES = 32 << 20;

    // Static, so that no compiler treats it as dead while the eval runs.
    private static volatile byte[] reserve;

    /**
     * How the attacker's eval failed, in one line: "resource exhausted", or "guest: ", "host: " or
     * "internal: " and the first line of the message (a MemoryError the guest raised where its own
     * handler could not catch it reads "guest: MemoryError").
     */
    private static String describe(PolyglotException e) {
        if (e.isResourceExhausted()) {
            return "resource exhausted";
        }
        String kind = e.isHostException() ? "host" : e.isInternalError() ? "internal" : e.isGuestException() ? "guest" : "other";
        String message = String.valueOf(e.isHostException() ? e.asHostException() : e.getMessage());
        return kind + ": " + message.lines().findFirst().orElse("");
    }

    /** The victim context and a Java thread each add ROUNDS, at once. */
    private static void countBoth(Value count, Value counter, AtomicInt shared) throws InterruptedException {
        Thread java = new Thread(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                shared.incrementAndGet();
            }
        });
        java.start();
        System.out.println("victim: " + count.execute(counter, ROUNDS).asString());
        java.join();
    }
}

package dev.atomicint.reliability;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/** Which threads live now that did not before: to see a context's threads and their end. */
final class LiveThreads {

    private final Set<Thread> before;

    private LiveThreads(Set<Thread> before) {
        this.before = before;
    }

    /** Notes the threads alive now. */
    static LiveThreads snapshot() {
        return new LiveThreads(Set.copyOf(Thread.getAllStackTraces().keySet()));
    }

    /**
     * Threads alive now that were not at the snapshot, leaving out the JVM-wide ones that no
     * context owns: Truffle's compiler threads, a pool that grows and shrinks with the JIT's work,
     * and atomicint's switch-interval clock, one daemon per JVM, started by the first set-up.
     */
    Set<Thread> added() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t) && !isJvmWide(t))
                .collect(Collectors.toSet());
    }

    private static boolean isJvmWide(Thread thread) {
        return thread.getName().startsWith("TruffleCompilerThread") || thread.getName().equals("atomicint-switch-interval");
    }

    /** Waits up to {@code limit} for {@link #added()} to be empty; answers what is left. */
    Set<Thread> addedAfterWaiting(Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        Set<Thread> added = added();
        while (!added.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
            added = added();
        }
        return added;
    }

    static String names(Set<Thread> threads) {
        return threads.stream().map(Thread::getName).sorted().collect(Collectors.joining(", ", "[", "]"));
    }
}

package dev.atomicint.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Heap measurements for the leak tests: the used heap after full collections, and how it moves
 * over rounds of the same work. A leak raises every reading for good; what the JIT, caches and
 * pools hold while a context warms up comes and goes (seen: +40 MiB over four rounds, then back
 * to the start). So the measure is the lowest reading from a given round on, against the first.
 */
final class Heap {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final long STABLE = 256 * 1024;

    private Heap() {}

    /** The used heap after full collections, once two in a row agree within 256 KiB (at most 20 rounds). */
    static long usedAfterGc() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        for (int round = 0; round < 20; round++) {
            System.gc();
            Thread.sleep(20); // lets reference processing and cleaners run
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < STABLE) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    /** The used heap after GC before the first of {@code rounds} runs of {@code work} and after each. */
    static Rounds rounds(int rounds, Runnable work) throws InterruptedException {
        long[] used = new long[rounds + 1];
        used[0] = usedAfterGc();
        for (int r = 1; r <= rounds; r++) {
            work.run();
            used[r] = usedAfterGc();
        }
        return new Rounds(used);
    }

    record Rounds(long[] used) {
        /** The lowest reading after round {@code from} or later, minus the reading before round 1. */
        long lowestGrowthFrom(int from) {
            return Arrays.stream(used, from, used.length).min().orElseThrow() - used[0];
        }

        @Override
        public String toString() {
            return Arrays.stream(used).mapToObj(Heap::mib).collect(Collectors.joining(" -> "));
        }
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}

package dev.atomicint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exact results under contention, with values crossing the long-cell (2^62) and long (2^63) boundaries. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AtomicIntConcurrencyTest {
    private static final int THREADS = 4;
    private static final long CELL_TOP = 1L << 62;

    @Test
    void addersAndSubtractorsOfBigAndSmallDeltasCrossingTheLongRangeGiveTheExactTotal() throws Exception {
        long start = Long.MAX_VALUE - 1_000;
        AtomicInt a = new AtomicInt(start);
        int rounds = 50_000;
        BigInteger huge = BigInteger.ONE.shiftLeft(70);
        // per thread and round: +2^62, -2^62 + 1, -3, +2^70 - 5, -2^70 (through four different methods)
        runConcurrently(i -> {
            for (int r = 0; r < rounds; r++) {
                switch ((r + i) % 4) {
                    case 0 -> a.add(CELL_TOP);
                    case 1 -> a.addBig(BigInteger.valueOf(-CELL_TOP + 1));
                    case 2 -> a.addAndGet(BigInteger.valueOf(-3));
                    default -> {
                        a.getAndAdd(huge.subtract(BigInteger.valueOf(5)));
                        a.add(0); // an update that changes nothing
                        a.addBig(huge.negate());
                    }
                }
            }
        });
        long perThread = (long) (rounds / 4) * (CELL_TOP + (-CELL_TOP + 1) - 3 - 5);
        assertEquals(BigInteger.valueOf(start).add(BigInteger.valueOf(perThread * THREADS)), a.getBigInteger());
    }

    @Test
    void incrementersAndDecrementersAroundTheCellBoundaryCancelOut() throws Exception {
        AtomicInt a = new AtomicInt(CELL_TOP - 1);
        runConcurrently(i -> {
            for (int r = 0; r < 200_000; r++) {
                if (i % 2 == 0) {
                    a.incrementAndGet();
                } else {
                    a.decrementAndGet();
                }
            }
        });
        assertEquals(CELL_TOP - 1, a.get());
    }

    @Test
    void compareAndSetLoopsCountExactlyAcrossTheCellBoundary() throws Exception {
        int perThread = 20_000;
        long start = CELL_TOP - perThread * 2L;
        AtomicInt a = new AtomicInt(start);
        runConcurrently(i -> {
            for (int r = 0; r < perThread; r++) {
                long v;
                do {
                    v = a.get();
                } while (!a.compareAndSet(v, v + 1));
            }
        });
        assertEquals(start + (long) perThread * THREADS, a.get());
    }

    @Test
    void bigIntegerCompareAndSetLoopsCountExactlyAcrossTheLongBoundary() throws Exception {
        int perThread = 10_000;
        BigInteger start = BigInteger.valueOf(Long.MAX_VALUE - perThread * 2L);
        AtomicInt a = new AtomicInt(start);
        runConcurrently(i -> {
            for (int r = 0; r < perThread; r++) {
                BigInteger v;
                do {
                    v = a.getBigInteger();
                } while (!a.compareAndSet(v, v.add(BigInteger.ONE)));
            }
        });
        assertEquals(start.add(BigInteger.valueOf((long) perThread * THREADS)), a.getBigInteger());
    }

    @Test
    void updateFunctionsCountExactlyAcrossTheLongBoundary() throws Exception {
        int perThread = 20_000;
        AtomicInt a = new AtomicInt(Long.MAX_VALUE - perThread * 2L);
        runConcurrently(i -> {
            for (int r = 0; r < perThread; r++) {
                if (i % 2 == 0) {
                    a.updateAndGetBig(v -> v.add(BigInteger.ONE));
                } else {
                    a.getAndAccumulateBig(BigInteger.ONE, BigInteger::add);
                }
            }
        });
        assertEquals(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.valueOf(perThread * 2L)), a.getBigInteger());
    }

    @Test
    void concurrentMultiplicationsAndAdditionsAreAllApplied() throws Exception {
        // With A = 2^62, every ADD 1 lands in the base-A digit that counts the MUL A applied after it:
        // value = A^muls + sum of digits, so the digits must number muls + 1 and sum to 1 + adds.
        int muls = 40;
        int addsPerThread = 30_000;
        AtomicInt a = new AtomicInt(1);
        runConcurrently(i -> {
            if (i == 0) {
                for (int r = 0; r < muls; r++) {
                    a.apply(IntOp.MUL, CELL_TOP);
                    Thread.yield();
                }
            } else {
                for (int r = 0; r < addsPerThread; r++) {
                    a.apply(IntOp.ADD, 1);
                }
            }
        });
        List<BigInteger> digits = digits(a.getBigInteger(), BigInteger.valueOf(CELL_TOP));
        assertEquals(muls + 1, digits.size());
        assertEquals(BigInteger.valueOf(1 + (long) addsPerThread * (THREADS - 1)), digits.stream().reduce(BigInteger.ZERO, BigInteger::add));
    }

    @Test
    void readersSeeAMonotonicCounterWhileItCrossesTheCellBoundary() throws Exception {
        long start = CELL_TOP - 50_000;
        AtomicInt a = new AtomicInt(start);
        long end = CELL_TOP + 50_000;
        runConcurrently(i -> {
            if (i < 2) {
                while (a.getAndIncrement() < end) {
                    Thread.onSpinWait();
                }
            } else {
                long last = Long.MIN_VALUE;
                for (long v = a.get(); v < end; v = a.get()) {
                    if (v < last) {
                        fail("went back from " + last + " to " + v);
                    }
                    last = v;
                }
            }
        });
        assertEquals(end + 2, a.get()); // each incrementer stops after seeing end or more
    }

    private static List<BigInteger> digits(BigInteger value, BigInteger base) {
        List<BigInteger> digits = new ArrayList<>();
        for (BigInteger v = value; v.signum() > 0; v = v.divide(base)) {
            digits.add(v.mod(base));
        }
        return digits;
    }

    /** Runs {@code body(i)} in {@link #THREADS} threads started together, and rethrows their failures. */
    private static void runConcurrently(IntConsumer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    body.accept(index);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(50, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

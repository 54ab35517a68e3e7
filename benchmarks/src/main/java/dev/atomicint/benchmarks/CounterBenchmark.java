package dev.atomicint.benchmarks;

import dev.atomicint.AtomicInt;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One counter shared by all benchmark threads (so 2 threads contend), as AtomicInt, AtomicLong and
 * LongAdder, and as the two counters a Java user picks when overflow must not go unnoticed:
 * AtomicLongExact (an AtomicLong updated through {@code Math.incrementExact}/{@code addExact}, which
 * throws instead of wrapping) and AtomicReferenceBigInteger (an {@code AtomicReference<BigInteger>},
 * exact at any size). LongAdder pays for a read (sum) after each update, to return the value as the
 * others do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CounterBenchmark {
    /** Not a constant, so the JIT cannot fold it. */
    long delta = 3;
    BigInteger bigDelta = BigInteger.valueOf(3);

    AtomicInt atomicInt;
    AtomicLong atomicLong;
    LongAdder longAdder;
    AtomicLong atomicLongExact;
    AtomicReference<BigInteger> atomicBigInteger;

    @Setup(Level.Iteration)
    public void reset() {
        atomicInt = new AtomicInt();
        atomicLong = new AtomicLong();
        longAdder = new LongAdder();
        atomicLongExact = new AtomicLong();
        atomicBigInteger = new AtomicReference<>(BigInteger.ZERO);
    }

    @Benchmark
    public long incrementAndGet_AtomicInt() {
        return atomicInt.incrementAndGet();
    }

    @Benchmark
    public long incrementAndGet_AtomicLong() {
        return atomicLong.incrementAndGet();
    }

    @Benchmark
    public long incrementAndGet_LongAdder() {
        longAdder.increment();
        return longAdder.sum();
    }

    @Benchmark
    public long incrementAndGet_AtomicLongExact() {
        return atomicLongExact.updateAndGet(Math::incrementExact);
    }

    @Benchmark
    public BigInteger incrementAndGet_AtomicReferenceBigInteger() {
        return atomicBigInteger.updateAndGet(value -> value.add(BigInteger.ONE));
    }

    @Benchmark
    public long addAndGet_AtomicInt() {
        return atomicInt.addAndGet(delta);
    }

    @Benchmark
    public long addAndGet_AtomicLong() {
        return atomicLong.addAndGet(delta);
    }

    @Benchmark
    public long addAndGet_LongAdder() {
        longAdder.add(delta);
        return longAdder.sum();
    }

    @Benchmark
    public long addAndGet_AtomicLongExact() {
        return atomicLongExact.accumulateAndGet(delta, Math::addExact);
    }

    @Benchmark
    public BigInteger addAndGet_AtomicReferenceBigInteger() {
        return atomicBigInteger.accumulateAndGet(bigDelta, BigInteger::add);
    }
}

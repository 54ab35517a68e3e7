package dev.atomicint.benchmarks;

import dev.atomicint.AtomicInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * LongAdder. LongAdder pays for a read (sum) after each update, to return the value as the others do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CounterBenchmark {
    /** Not a constant, so the JIT cannot fold it. */
    long delta = 3;

    AtomicInt atomicInt;
    AtomicLong atomicLong;
    LongAdder longAdder;

    @Setup(Level.Iteration)
    public void reset() {
        atomicInt = new AtomicInt();
        atomicLong = new AtomicLong();
        longAdder = new LongAdder();
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
}

package dev.atomicint.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.*;

@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScratchBenchmark {
    static final class Cell { volatile long bits; }
    static final class Holder { volatile Object state = new Cell(); }
    static final VarHandle BITS;
    static { try { BITS = MethodHandles.lookup().findVarHandle(Cell.class, "bits", long.class); } catch (Exception e) { throw new Error(e); } }
    AtomicLong al = new AtomicLong();
    Holder h = new Holder();
    long delta = 3;

    @Benchmark public long xadd() { return al.addAndGet(delta); }
    @Benchmark public long casLoopAtomicLong() {
        long v = al.get();
        for (;;) { long w = al.compareAndExchange(v, v + delta); if (w == v) return v + delta; v = w; }
    }
    @Benchmark public long casLoopIndirect() {
        if (h.state instanceof Cell c) {
            long d = delta << 1;
            long b = c.bits;
            for (;;) {
                long nb = b + d;
                if (((b ^ nb) & (d ^ nb)) < 0 || (b & 1) != 0) return -1;
                long w = (long) BITS.compareAndExchange(c, b, nb);
                if (w == b) return nb >> 1;
                b = w;
            }
        }
        return -1;
    }
}

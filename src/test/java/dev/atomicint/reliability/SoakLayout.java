package dev.atomicint.reliability;

import dev.atomicint.AtomicInt;
import java.math.BigInteger;

/**
 * The five shared counters of a soak and what every worker must agree on: their initial values,
 * which bits of the bits counter each worker owns, each worker's prime. soak_worker.py describes
 * the counters and their invariants; Java workers follow the same rules.
 */
final class SoakLayout {

    /** Just below the cell range's top (2^62): small deltas cross it, huge ones cross 2^63 and -2^63. */
    static final BigInteger SUM_INITIAL = BigInteger.ONE.shiftLeft(62).subtract(BigInteger.valueOf(1000));

    /** Outside every range of written values, so it too is accounted for exactly once. */
    static final BigInteger EXCHANGE_INITIAL = BigInteger.ONE.shiftLeft(100).add(BigInteger.ONE);

    /** Every other bit below 60; each worker starts from its own positions' share of them. */
    static final BigInteger BITS_INITIAL = BigInteger.valueOf(0x0AAA_AAAA_AAAA_AAAAL);

    /**
     * The prime 2^45 - 55: no worker's prime divides it, and 18 bits of outstanding factors (two
     * workers' worth) take it past 2^63, so it goes back and forth even with few workers.
     */
    static final BigInteger PRODUCT_INITIAL = BigInteger.ONE.shiftLeft(45).subtract(BigInteger.valueOf(55));

    /** Far outside [0, M): the first reduction brings it down. */
    static final BigInteger RESIDUE_INITIAL = BigInteger.ONE.shiftLeft(70);

    /** M of the residue counter: just above 2^64, so reduced values are longs about half the time. */
    static final BigInteger RESIDUE_MODULUS = BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(13));

    /** Positions at and above this are set only transiently (see soak_worker.py). */
    static final int TRANSIENT_BITS_FROM = 60;

    final int workers;
    /** The bits counter's sign group: every bit from here up, owned by worker 0. */
    final int high;
    private final long[] primes;

    SoakLayout(int workers) {
        this.workers = workers;
        this.high = 64 + 2 * workers;
        this.primes = oddPrimes(workers);
    }

    long prime(int worker) {
        return primes[worker];
    }

    /** The primes of workers {@code first} .. {@code first + count - 1}, comma-separated, for Python. */
    String primes(int first, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            s.append(i == first ? "" : ",").append(primes[i]);
        }
        return s.toString();
    }

    /** Fresh counters at their initial values. */
    static Counters newCounters() {
        return new Counters(new AtomicInt(SUM_INITIAL), new AtomicInt(EXCHANGE_INITIAL), new AtomicInt(BITS_INITIAL),
                new AtomicInt(PRODUCT_INITIAL), new AtomicInt(RESIDUE_INITIAL));
    }

    record Counters(AtomicInt sum, AtomicInt exchange, AtomicInt bits, AtomicInt product, AtomicInt residue) {}

    private static long[] oddPrimes(int count) {
        long[] primes = new long[count];
        int found = 0;
        for (long candidate = 3; found < count; candidate += 2) {
            if (BigInteger.valueOf(candidate).isProbablePrime(30)) {
                primes[found++] = candidate;
            }
        }
        return primes;
    }
}

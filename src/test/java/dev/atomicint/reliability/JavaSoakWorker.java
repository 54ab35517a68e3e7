package dev.atomicint.reliability;

import static java.math.BigInteger.ONE;
import static java.math.BigInteger.ZERO;

import dev.atomicint.AtomicInt;
import dev.atomicint.IntOp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * A soak worker on a Java thread: the rules of soak_worker.py (read its doc first), played through
 * the Java API (long and BigInteger forms, update functions, compare-and-set loops).
 *
 * <p>Long-typed methods refuse, with ArithmeticException and no change, when a long they would
 * return or pass does not fit; a refused call is counted as {@code "<method> refused"} and left out
 * of the ledger, so a refusal that changed the value after all would break the sum invariant.
 */
final class JavaSoakWorker {

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger[] BIG_DELTAS = {
        ONE.shiftLeft(62), LONG_MAX, ONE.shiftLeft(63), ONE.shiftLeft(64), ONE.shiftLeft(70)};
    private static final BigInteger[] EXCHANGE_BASES = {
        ZERO, ONE.shiftLeft(62).subtract(ONE.shiftLeft(40)), ONE.shiftLeft(62),
        ONE.shiftLeft(63).subtract(ONE.shiftLeft(40)), ONE.shiftLeft(63), ONE.shiftLeft(70)};
    private static final int MAX_PRIME_POWER = 2;
    private static final int MAX_SHIFT = 6;

    private final AtomicInt sum;
    private final AtomicInt exchange;
    private final AtomicInt bits;
    private final AtomicInt product;
    private final AtomicInt residue;
    private final int id;
    private final int workers;
    private final boolean racySum;
    private final SplittableRandom rng;
    private final Map<String, long[]> counts = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Boolean> lastFits = new HashMap<>();

    private BigInteger sumLedger = ZERO;
    private BigInteger pendingBig = ZERO;

    private long seq;
    private BigInteger writtenSum = ZERO;
    private BigInteger writtenSquares = ZERO;
    private BigInteger returnedSum = ZERO;
    private BigInteger returnedSquares = ZERO;

    private final int high;
    private final List<BigInteger> lowBits = new ArrayList<>();
    private final List<BigInteger> highBits = new ArrayList<>();
    private final BigInteger highMask;
    private final BigInteger signGroup;
    private final BigInteger ownMask;
    private BigInteger ownBits;

    private final BigInteger prime;
    private int primePower;
    private int shift;
    private boolean negated;

    private BigInteger residueLedger = ZERO;

    JavaSoakWorker(SoakLayout.Counters counters, SoakLayout layout, int id, long seed, boolean racySum) {
        this.racySum = racySum;
        this.sum = counters.sum();
        this.exchange = counters.exchange();
        this.bits = counters.bits();
        this.product = counters.product();
        this.residue = counters.residue();
        this.id = id;
        this.workers = layout.workers;
        this.rng = new SplittableRandom(seed + id);
        this.high = layout.high;
        BigInteger high = ZERO;
        BigInteger own = ZERO;
        for (int p = id; p < layout.high; p += workers) {
            BigInteger bit = ONE.shiftLeft(p);
            (p < SoakLayout.TRANSIENT_BITS_FROM ? lowBits : highBits).add(bit);
            own = own.or(bit);
            if (p >= SoakLayout.TRANSIENT_BITS_FROM) {
                high = high.or(bit);
            }
        }
        this.highMask = high;
        this.signGroup = id == 0 ? ONE.shiftLeft(layout.high).negate() : ZERO;
        this.ownMask = own.add(signGroup);
        this.ownBits = SoakLayout.BITS_INITIAL.and(ownMask);
        this.prime = BigInteger.valueOf(layout.prime(id));
    }

    /** Waits for {@code go}, works until {@code stop} (parking {@code pause} after every 16 steps), and reports. */
    WorkerReport run(AtomicInt go, AtomicInt stop, Duration pause) {
        try {
            while (go.get() == 0) {
                Thread.sleep(1); // not a spin: the contexts are still starting on the same cores
            }
            while (stop.get() == 0) {
                for (int i = 0; i < 16; i++) {
                    step();
                }
                if (!pause.isZero()) {
                    LockSupport.parkNanos(pause.toNanos());
                }
            }
        } catch (Throwable t) {
            count("errors");
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            violations.add("java worker " + id + ": error: " + trace.toString().replace("\n", " | "));
        }
        return report();
    }

    private void step() {
        switch (rng.nextInt(5)) {
            case 0 -> sumStep();
            case 1 -> exchangeStep();
            case 2 -> bitsStep();
            case 3 -> productStep();
            default -> residueStep();
        }
    }

    // ---- sum: value += delta, ledger += delta (unless the call was refused)

    private BigInteger nextDelta() {
        if (pendingBig.signum() != 0 && rng.nextBoolean()) {
            return pendingBig.negate();
        }
        if (pendingBig.signum() == 0 && rng.nextDouble() < 0.15) {
            BigInteger big = BIG_DELTAS[rng.nextInt(BIG_DELTAS.length)];
            return (rng.nextBoolean() ? big : big.negate()).add(BigInteger.valueOf(rng.nextInt(-3, 4)));
        }
        return BigInteger.valueOf(rng.nextInt(-1000, 1001));
    }

    private void sumStep() {
        BigInteger d = nextDelta();
        if (racySum) { // the control: not atomic, so it loses concurrent updates
            sum.set(sum.getBigInteger().add(d));
            op("racy get-then-set");
            sumLedger = sumLedger.add(d);
            return;
        }
        boolean fits = fitsLong(d);
        long dl = d.longValue();
        boolean applied = true;
        switch (rng.nextInt(10)) {
            case 0 -> {
                if (fits) {
                    sum.add(dl);
                    op("add(long)");
                } else {
                    sum.addBig(d);
                    op("addBig(BigInteger)");
                }
            }
            case 1 -> apply(sum, IntOp.SUB, d.negate());
            case 2 -> {
                observe("sum", sum.addAndGet(d));
                op("addAndGet(BigInteger)");
            }
            case 3 -> {
                observe("sum", sum.getAndAdd(d));
                op("getAndAdd(BigInteger)");
            }
            case 4 -> applied = fits && refusable("getAndAdd(long)", () -> observe("sum", BigInteger.valueOf(sum.getAndAdd(dl))));
            case 5 -> applied = fits && refusable("addAndGet(long)", () -> observe("sum", BigInteger.valueOf(sum.addAndGet(dl))));
            case 6 -> {
                observe("sum", sum.updateAndGetBig(v -> v.add(d)));
                op("updateAndGetBig");
            }
            case 7 -> {
                observe("sum", sum.accumulateAndGetBig(d, BigInteger::add));
                op("accumulateAndGetBig");
            }
            case 8 -> applied = fits && refusable("updateAndGet(long)",
                    () -> observe("sum", BigInteger.valueOf(sum.updateAndGet(v -> Math.addExact(v, dl)))));
            default -> observe("sum", casLoop(sum, v -> v.add(d))[1]);
        }
        if (!applied) {
            return;
        }
        sumLedger = sumLedger.add(d);
        if (pendingBig.signum() != 0) {
            if (d.equals(pendingBig.negate())) {
                pendingBig = ZERO;
            }
        } else if (d.abs().compareTo(BigInteger.valueOf(1000)) > 0) {
            pendingBig = d;
        }
    }

    // ---- exchange: value <-> unique written value

    private BigInteger uniqueValue() {
        seq++;
        BigInteger ident = BigInteger.valueOf(seq * workers + id);
        BigInteger value = EXCHANGE_BASES[rng.nextInt(EXCHANGE_BASES.length)].add(ident);
        return rng.nextBoolean() ? value : value.negate();
    }

    private void exchangeStep() {
        BigInteger w = uniqueValue();
        BigInteger old;
        switch (rng.nextInt(5)) {
            case 0 -> {
                old = exchange.getAndSet(w);
                op("getAndSet(BigInteger)");
            }
            case 1 -> {
                if (!fitsLong(w)) {
                    return;
                }
                try {
                    old = BigInteger.valueOf(exchange.getAndSet(w.longValue()));
                    op("getAndSet(long)");
                } catch (ArithmeticException previousIsNotALong) {
                    op("getAndSet(long) refused");
                    return;
                }
            }
            case 2 -> {
                old = exchange.getAndUpdateBig(v -> w);
                op("getAndUpdateBig");
            }
            case 3 -> {
                old = exchange.getAndAccumulateBig(w, (v, x) -> x);
                op("getAndAccumulateBig");
            }
            default -> old = casLoop(exchange, v -> w)[0];
        }
        observe("exchange", old);
        writtenSum = writtenSum.add(w);
        writtenSquares = writtenSquares.add(w.multiply(w));
        returnedSum = returnedSum.add(old);
        returnedSquares = returnedSquares.add(old.multiply(old));
    }

    // ---- bits: only this worker's own positions change, and it always knows them

    private void bitsStep() {
        BigInteger transientBits = ownBits.and(highMask);
        BigInteger highOnes = ONE.shiftLeft(high);
        if (transientBits.signum() != 0) {
            applyBits(Action.CLEAR, transientBits);
        } else if (signGroup.signum() != 0 && ownBits.signum() < 0) {
            switch (rng.nextInt(3)) {
                case 0 -> apply(bits, IntOp.MOD, highOnes);
                case 1 -> apply(bits, IntOp.AND, highOnes.subtract(ONE));
                default -> apply(bits, IntOp.XOR, signGroup);
            }
            ownBits = ownBits.subtract(signGroup);
        } else if (signGroup.signum() != 0 && rng.nextDouble() < 0.06) {
            apply(bits, rng.nextBoolean() ? IntOp.OR : IntOp.XOR, signGroup);
            ownBits = ownBits.add(signGroup);
        } else if (!highBits.isEmpty() && rng.nextDouble() < 0.12) {
            applyBits(Action.SET, highBits.get(rng.nextInt(highBits.size())));
        } else {
            BigInteger mask = ZERO;
            while (mask.signum() == 0) {
                for (BigInteger bit : lowBits) {
                    if (rng.nextDouble() < 0.3) {
                        mask = mask.or(bit);
                    }
                }
            }
            applyBits(Action.values()[rng.nextInt(3)], mask);
        }
        checkBits(bits.getBigInteger());
    }

    private enum Action { SET, CLEAR, TOGGLE }

    private void applyBits(Action action, BigInteger mask) {
        UnaryOperator<BigInteger> fn = switch (action) {
            case SET -> v -> v.or(mask);
            case CLEAR -> v -> v.andNot(mask);
            case TOGGLE -> v -> v.xor(mask);
        };
        BigInteger target = fn.apply(ownBits);
        switch (rng.nextInt(4)) {
            case 0 -> {
                switch (action) {
                    case SET -> apply(bits, IntOp.OR, mask);
                    case CLEAR -> apply(bits, IntOp.AND, mask.not());
                    case TOGGLE -> apply(bits, IntOp.XOR, mask);
                }
            }
            case 1 -> apply(bits, IntOp.XOR, target.xor(ownBits));
            case 2 -> {
                observe("bits", bits.updateAndGetBig(fn));
                op("updateAndGetBig");
            }
            default -> observe("bits", casLoop(bits, fn)[1]);
        }
        ownBits = target;
    }

    private void checkBits(BigInteger value) {
        observe("bits", value);
        if (!value.and(ownMask).equals(ownBits)) {
            violation("bits: own bits " + value.and(ownMask).toString(16) + ", expected " + ownBits.toString(16));
        }
    }

    // ---- product: exact multiplications and divisions by own factors only

    private void productStep() {
        int which = rng.nextInt(7);
        if (which <= 2) {
            boolean grow = primePower == 0 || (primePower < MAX_PRIME_POWER && rng.nextDouble() < 0.3);
            int how = rng.nextInt(4);
            if (grow) {
                switch (how) {
                    case 0 -> apply(product, IntOp.MUL, prime);
                    case 1 -> {
                        observe("product", product.accumulateAndGetBig(prime, BigInteger::multiply));
                        op("accumulateAndGetBig");
                    }
                    case 2 -> {
                        observe("product", product.getAndUpdateBig(v -> v.multiply(prime)));
                        op("getAndUpdateBig");
                    }
                    default -> casLoop(product, v -> v.multiply(prime));
                }
                primePower++;
            } else {
                switch (how) {
                    case 0, 1 -> apply(product, IntOp.FLOORDIV, prime);
                    case 2 -> {
                        observe("product", product.updateAndGetBig(v -> v.divide(prime)));
                        op("updateAndGetBig");
                    }
                    default -> casLoop(product, v -> v.divide(prime));
                }
                primePower--;
            }
        } else if (which <= 4) {
            if (shift == 0 || (shift < MAX_SHIFT && rng.nextDouble() < 0.4)) {
                int j = rng.nextInt(1, MAX_SHIFT - shift + 1);
                apply(product, IntOp.LSHIFT, BigInteger.valueOf(j));
                shift += j;
            } else {
                int j = rng.nextInt(1, shift + 1);
                apply(product, IntOp.RSHIFT, BigInteger.valueOf(j));
                shift -= j;
            }
        } else if (which == 5) {
            switch (rng.nextInt(3)) {
                case 0 -> apply(product, IntOp.MUL, ONE.negate());
                case 1 -> apply(product, IntOp.FLOORDIV, ONE.negate());
                default -> {
                    observe("product", product.updateAndGetBig(BigInteger::negate));
                    op("updateAndGetBig");
                }
            }
            negated = !negated;
        } else {
            apply(product, IntOp.POW, ONE);
        }
        checkProduct(product.getBigInteger());
    }

    private void checkProduct(BigInteger value) {
        observe("product", value);
        BigInteger power = prime.pow(primePower);
        if (value.signum() == 0 || value.mod(power).signum() != 0 || value.divide(power).mod(prime).signum() == 0) {
            violation("product: " + value + " does not hold prime " + prime + " exactly " + primePower + " times");
        }
    }

    private BigInteger productFactor() {
        BigInteger factor = prime.pow(primePower).shiftLeft(shift);
        return negated ? factor.negate() : factor;
    }

    // ---- residue: additions and reductions modulo M

    private void residueStep() {
        BigInteger modulus = SoakLayout.RESIDUE_MODULUS;
        BigInteger d = ZERO;
        switch (rng.nextInt(4)) {
            case 0 -> {
                d = BigInteger.valueOf(rng.nextLong()).shiftLeft(3).add(BigInteger.valueOf(rng.nextInt(8))); // about +-2^66
                apply(residue, IntOp.ADD, d);
            }
            case 1 -> {
                d = BigInteger.valueOf(rng.nextInt(-1000, 1001));
                apply(residue, IntOp.SUB, d.negate());
            }
            case 2 -> {
                apply(residue, IntOp.MOD, modulus);
                observe("residue", residue.getBigInteger());
            }
            default -> {
                observe("residue", residue.updateAndGetBig(v -> v.mod(modulus)));
                op("updateAndGetBig");
            }
        }
        residueLedger = residueLedger.add(d);
    }

    // ---- helpers

    /** {@code n = n op x} through the long form when {@code x} fits in a long, else the BigInteger form. */
    private void apply(AtomicInt n, IntOp op, BigInteger x) {
        if (fitsLong(x)) {
            n.apply(op, x.longValue());
            op("apply(" + op + ", long)");
        } else {
            n.applyBig(op, x);
            op("applyBig(" + op + ")");
        }
    }

    /** {@code value = fn(value)} by an explicit compareAndSet loop (the long form when both fit); returns {old, new}. */
    private BigInteger[] casLoop(AtomicInt n, UnaryOperator<BigInteger> fn) {
        for (;;) {
            Number current = n.getNumber();
            BigInteger old = current instanceof BigInteger b ? b : BigInteger.valueOf(current.longValue());
            BigInteger next = fn.apply(old);
            boolean longForm = current instanceof Long && fitsLong(next);
            boolean done = longForm
                    ? n.compareAndSet(old.longValue(), next.longValue())
                    : n.compareAndSet(old, next);
            if (done) {
                op(longForm ? "compareAndSet(long) loop" : "compareAndSet(BigInteger) loop");
                return new BigInteger[] {old, next};
            }
            op("compareAndSet failed");
        }
    }

    /** Runs a long-typed call that may refuse; answers whether it ran (a refusal changes nothing). */
    private boolean refusable(String method, Runnable call) {
        try {
            call.run();
            op(method);
            return true;
        } catch (ArithmeticException refused) {
            op(method + " refused");
            return false;
        }
    }

    private void observe(String counter, BigInteger value) {
        boolean fits = fitsLong(value);
        Boolean last = lastFits.put(counter, fits);
        if (last != null && last != fits) {
            count((fits ? "crossings.down." : "crossings.up.") + counter);
        }
    }

    private static boolean fitsLong(BigInteger x) {
        return x.bitLength() < Long.SIZE;
    }

    private void op(String kind) {
        count("ops." + kind);
    }

    private void count(String key) {
        counts.computeIfAbsent(key, k -> new long[1])[0]++;
    }

    private void violation(String text) {
        count("violations");
        if (violations.size() < 20) {
            violations.add("java worker " + id + ": " + text);
        }
    }

    private WorkerReport report() {
        Map<String, BigInteger> values = new TreeMap<>();
        counts.forEach((key, n) -> values.put(key, BigInteger.valueOf(n[0])));
        values.put("sum.ledger", sumLedger);
        values.put("exchange.written.sum", writtenSum);
        values.put("exchange.written.squares", writtenSquares);
        values.put("exchange.returned.sum", returnedSum);
        values.put("exchange.returned.squares", returnedSquares);
        values.put("bits.own", ownBits);
        values.put("product.factor", productFactor());
        values.put("residue.ledger", residueLedger);
        return new WorkerReport("java", values, List.copyOf(violations));
    }
}

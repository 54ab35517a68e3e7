package dev.atomicint;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The polyglot face of an {@link AtomicInt}: a {@link ProxyObject} any Graal language can use,
 * even in a context that grants no host access at all. It is a view: updates through it and
 * through the AtomicInt are the same atomic updates of the same value.
 *
 * <p>Members, in Python spelling: the in-place number protocol ({@code __iadd__}, {@code __isub__},
 * ... {@code __ixor__}: update atomically, return this proxy), {@code __int__}, {@code __index__},
 * {@code __bool__}, {@code __str__}, {@code __repr__} (in decimal up to Python's default limit of
 * {@value BoundedText#MAX_STR_DIGITS} digits, else IllegalArgumentException), and the atomic methods {@code get},
 * {@code set}, {@code compare_and_set}, {@code get_and_set}, {@code get_and_add},
 * {@code add_and_get}, {@code increment_and_get}, {@code get_and_increment},
 * {@code decrement_and_get}, {@code get_and_decrement} (the last four take an optional amount,
 * default 1). Integers cross as guest numbers: a {@code long} when the value fits, else a
 * {@link BigInteger}. A non-integer argument throws {@link IllegalArgumentException}; an
 * {@link IntOp} refusal or a value past {@link IntOp#MAX_BIT_LENGTH} throws {@link
 * ArithmeticException}; either way the value is unchanged. Messages never embed a whole number or
 * an argument's text.
 */
public final class AtomicIntProxy implements ProxyObject {

    private static final Map<String, BiFunction<AtomicIntProxy, Value[], Object>> MEMBERS = members();

    private final AtomicInt target;

    public AtomicIntProxy(AtomicInt target) {
        if (target == null) {
            throw new NullPointerException("target");
        }
        this.target = target;
    }

    /**
     * A function guest code calls with an integer to make a new AtomicInt, answering its proxy:
     * how a context without host access creates AtomicInts.
     */
    public static ProxyExecutable factory() {
        return arguments -> new AtomicIntProxy(new AtomicInt(integer(arguments, 0)));
    }

    /** The AtomicInt this proxy shows. */
    public AtomicInt target() {
        return target;
    }

    @Override
    public Object getMember(String key) {
        BiFunction<AtomicIntProxy, Value[], Object> member = MEMBERS.get(key);
        return member == null ? null : (ProxyExecutable) arguments -> member.apply(this, arguments);
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromArray(MEMBERS.keySet().toArray());
    }

    @Override
    public boolean hasMember(String key) {
        return MEMBERS.containsKey(key);
    }

    @Override
    public void putMember(String key, Value value) {
        throw new UnsupportedOperationException("AtomicIntProxy members are read-only");
    }

    /** A short text, whatever the value: see {@link BoundedText#abbreviated}. */
    @Override
    public String toString() {
        return "AtomicInt(" + BoundedText.abbreviated(target.getBigInteger()) + ")";
    }

    private static Map<String, BiFunction<AtomicIntProxy, Value[], Object>> members() {
        Map<String, BiFunction<AtomicIntProxy, Value[], Object>> members = new LinkedHashMap<>();
        for (IntOp op : IntOp.values()) {
            members.put("__i" + op.name().toLowerCase(Locale.ROOT) + "__", (self, args) -> self.applyInPlace(op, args));
        }
        members.put("__int__", (self, args) -> self.target.getNumber());
        members.put("__index__", (self, args) -> self.target.getNumber());
        members.put("__bool__", (self, args) -> self.target.getBigInteger().signum() != 0);
        members.put("__str__", (self, args) -> BoundedText.decimal(self.target.getBigInteger()));
        members.put("__repr__", (self, args) -> "AtomicInt(" + BoundedText.decimal(self.target.getBigInteger()) + ")");
        members.put("get", (self, args) -> self.target.getNumber());
        members.put("set", (self, args) -> {
            self.target.set(integer(args, 0));
            return null;
        });
        members.put("compare_and_set", (self, args) -> longs(args, 2)
                ? self.target.compareAndSet(args[0].asLong(), args[1].asLong())
                : self.target.compareAndSet(integer(args, 0), integer(args, 1)));
        members.put("get_and_set", (self, args) -> self.getAndSet(args));
        members.put("get_and_add", (self, args) -> self.add(args, false, false, false));
        members.put("add_and_get", (self, args) -> self.add(args, false, false, true));
        members.put("increment_and_get", (self, args) -> self.add(args, true, false, true));
        members.put("get_and_increment", (self, args) -> self.add(args, true, false, false));
        members.put("decrement_and_get", (self, args) -> self.add(args, true, true, true));
        members.put("get_and_decrement", (self, args) -> self.add(args, true, true, false));
        return Map.copyOf(members);
    }

    // The atomic methods take AtomicInt's long forms when the arguments (and the answer) fit in a
    // long: its fast path, with no BigInteger made. A long form refuses a value or result past a long
    // before changing anything (ArithmeticException), and the exact form then does the update.

    private Object getAndSet(Value[] args) {
        if (longs(args, 1)) {
            try {
                return target.getAndSet(args[0].asLong());
            } catch (ArithmeticException previousIsNotALong) { // nothing changed: the exact form below
            }
        }
        return GuestNumbers.narrow(target.getAndSet(integer(args, 0)));
    }

    /**
     * Adds argument 0 (with {@code amount}, 1 when there is none), negated when {@code negate};
     * answers the value before, or after when {@code answerNew}, as {@link GuestNumbers#narrow} does.
     */
    private Object add(Value[] args, boolean amount, boolean negate, boolean answerNew) {
        boolean fits = amount && args.length == 0 || longs(args, 1);
        long delta = !fits ? 0 : args.length == 0 ? 1 : args[0].asLong();
        if (fits && !(negate && delta == Long.MIN_VALUE)) { // -Long.MIN_VALUE is no long
            long signed = negate ? -delta : delta;
            try {
                return answerNew ? target.addAndGet(signed) : target.getAndAdd(signed);
            } catch (ArithmeticException answerIsNotALong) { // nothing changed: the exact form below
            }
        }
        BigInteger exact = amount ? amount(args) : integer(args, 0);
        exact = negate ? exact.negate() : exact;
        return GuestNumbers.narrow(answerNew ? target.addAndGet(exact) : target.getAndAdd(exact));
    }

    /** Whether the first {@code count} arguments are there and are integers that fit in a long. */
    private static boolean longs(Value[] args, int count) {
        if (args.length < count) {
            return false; // the exact form reports the missing argument
        }
        for (int i = 0; i < count; i++) {
            if (!args[i].fitsInLong()) {
                return false;
            }
        }
        return true;
    }

    private AtomicIntProxy applyInPlace(IntOp op, Value[] args) {
        Value operand = argument(args, 0);
        if (operand.fitsInLong()) {
            target.apply(op, operand.asLong());
        } else {
            target.applyBig(op, integer(args, 0));
        }
        return this;
    }

    /** Argument {@code index} as an exact integer; bools count as 0 and 1, as in Python. */
    private static BigInteger integer(Value[] args, int index) {
        Value value = argument(args, index);
        if (value.isBoolean()) {
            return value.asBoolean() ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (value.isNumber() && value.fitsInBigInteger()) {
            return value.asBigInteger();
        }
        throw new IllegalArgumentException("AtomicInt argument " + index + " must be an integer, not " + BoundedText.kindOf(value));
    }

    private static BigInteger amount(Value[] args) {
        return args.length == 0 ? BigInteger.ONE : integer(args, 0);
    }

    private static Value argument(Value[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException("AtomicInt member expects " + (index + 1) + " argument(s), got " + args.length);
        }
        return args[index];
    }
}

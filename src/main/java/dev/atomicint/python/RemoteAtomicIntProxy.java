package dev.atomicint.python;

import dev.atomicint.BoundedText;
import dev.atomicint.GuestNumbers;
import dev.atomicint.IntOp;
import dev.atomicint.RemoteAtomicInt;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The Python face of a {@link RemoteAtomicInt}, for every context (host access or none): the
 * primitives of Python's {@code IntProtocol} as proxy members, which {@code atomicint._remote}
 * fetches once per AtomicInt. Python calls them without holding the GIL: each is a network round
 * trip. Integers cross as a {@code long} when they fit, else a BigInteger; Python has already
 * checked the operands, so a refusal here is the engine's or the size limit's.
 */
final class RemoteAtomicIntProxy {

    private final RemoteAtomicInt target;

    private RemoteAtomicIntProxy(RemoteAtomicInt target) {
        this.target = target;
    }

    /** The proxy of {@code target}: read-only members (an immutable map). */
    static ProxyObject of(RemoteAtomicInt target) {
        return new RemoteAtomicIntProxy(target).members();
    }

    private ProxyObject members() {
        return ProxyObject.fromMap(Map.of(
                "name", target.name(),
                "address", target.storeAddress(),
                "get", (ProxyExecutable) args -> target.getNumber(),
                "add", (ProxyExecutable) args -> {
                    add(args[0]);
                    return null;
                },
                "apply", (ProxyExecutable) args -> {
                    target.applyBig(IntOp.valueOf(args[0].asString().toUpperCase(Locale.ROOT)), integer(args[1]));
                    return null;
                },
                "compare_and_set", (ProxyExecutable) args -> target.compareAndSet(integer(args[0]), integer(args[1])),
                "get_and_set", (ProxyExecutable) args -> GuestNumbers.narrow(target.getAndSet(integer(args[0]))),
                "get_and_add", (ProxyExecutable) args -> args[0].fitsInLong()
                        ? getAndAdd(args[0].asLong())
                        : GuestNumbers.narrow(target.getAndAdd(integer(args[0])))));
    }

    private void add(Value delta) {
        if (delta.fitsInLong()) {
            target.add(delta.asLong()); // INCRBY while the value fits in 64 bits
        } else {
            target.addBig(integer(delta));
        }
    }

    private Number getAndAdd(long delta) {
        try {
            return target.getAndAdd(delta);
        } catch (ArithmeticException previousIsNotALong) { // nothing changed: redo it exactly
            return GuestNumbers.narrow(target.getAndAdd(BigInteger.valueOf(delta)));
        }
    }

    private static BigInteger integer(Value value) {
        if (value.isNumber() && value.fitsInBigInteger()) {
            return value.asBigInteger();
        }
        throw new IllegalArgumentException("an integer was expected, not " + BoundedText.kindOf(value));
    }
}

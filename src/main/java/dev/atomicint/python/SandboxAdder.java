package dev.atomicint.python;

import dev.atomicint.AtomicInt;
import dev.atomicint.AtomicIntProxy;
import dev.atomicint.IntOp;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * {@code n += i} for the sandboxed backend in one proxy call: a function bound to one AtomicInt
 * that adds a Python int and answers whether the {@link SwitchInterval} has elapsed, as
 * {@link HostCalls#add} does for host mode. (The proxy's own {@code __iadd__} answers the proxy,
 * as Python's protocol wants, so asking for the switch would cost a second call per {@code +=}.)
 */
final class SandboxAdder implements ProxyExecutable {

    private final AtomicInt target;

    private SandboxAdder(AtomicInt target) {
        this.target = target;
    }

    /** The function Python calls with an {@link AtomicIntProxy} to get its adder. */
    static ProxyExecutable factory() {
        return arguments -> new SandboxAdder(arguments[0].asProxyObject() instanceof AtomicIntProxy proxy
                ? proxy.target()
                : unexpected(arguments[0]));
    }

    private static AtomicInt unexpected(Value argument) {
        throw new IllegalArgumentException("an AtomicIntProxy was expected, not " + argument);
    }

    @Override
    public Object execute(Value... arguments) {
        Value delta = arguments[0];
        if (delta.fitsInLong()) {
            target.add(delta.asLong());
        } else {
            target.applyBig(IntOp.ADD, delta.asBigInteger());
        }
        return SwitchInterval.elapsed();
    }
}

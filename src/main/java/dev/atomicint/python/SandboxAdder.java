package dev.atomicint.python;

import dev.atomicint.AtomicIntProxy;
import dev.atomicint.BoundedText;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * {@code n += i} for the sandboxed backend in one proxy call: the proxy's own {@code __iadd__}
 * member, fetched once, that answers whether the context's {@link SwitchInterval} has elapsed
 * instead of the proxy, as {@link HostCalls#add} does for host mode. (The member itself answers the proxy, as
 * Python's protocol wants, so asking for the switch would cost a second call per {@code +=}.)
 */
final class SandboxAdder implements ProxyExecutable {

    private final ProxyExecutable iadd;
    private final SwitchInterval interval;

    private SandboxAdder(ProxyExecutable iadd, SwitchInterval interval) {
        this.iadd = iadd;
        this.interval = interval;
    }

    /** The function Python calls with an {@link AtomicIntProxy} to get its adder, answering for {@code interval}. */
    static ProxyExecutable factory(SwitchInterval interval) {
        return arguments -> {
            if (!(arguments[0].asProxyObject() instanceof AtomicIntProxy proxy)) {
                throw new IllegalArgumentException("an AtomicIntProxy was expected, not " + BoundedText.kindOf(arguments[0]));
            }
            return new SandboxAdder((ProxyExecutable) proxy.getMember("__iadd__"), interval);
        };
    }

    @Override
    public Object execute(Value... arguments) {
        iadd.execute(arguments); // validates the operand and adds it as a long or a BigInteger
        return interval.elapsed();
    }
}

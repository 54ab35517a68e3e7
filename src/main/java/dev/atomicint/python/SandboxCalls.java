package dev.atomicint.python;

import dev.atomicint.AtomicIntProxy;
import dev.atomicint.BoundedText;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * Proxy members for the sandboxed backend that also answer whether the context's {@link
 * SwitchInterval} has elapsed, in the same proxy call, as {@link HostCalls#add} and {@link
 * HostCalls#compareAndSetThenSwitchDue} do for host mode (asking for the switch apart would cost a
 * second call each time). Python fetches them once per AtomicInt, from a factory here called with
 * the AtomicInt's {@link AtomicIntProxy}:
 *
 * <ul>
 *   <li>the adder, {@code n += i}: the proxy's {@code __iadd__}, answering the switch (a boolean)
 *       instead of the proxy, which is what Python's protocol wants of the member itself;
 *   <li>the comparer, {@code compare_and_set(expected, new)}: bit 0 of the answer whether the value
 *       was set, bit 1 the switch.
 * </ul>
 */
final class SandboxCalls {

    private SandboxCalls() {}

    /** The function Python calls with an {@link AtomicIntProxy} to get its adder, answering for {@code interval}. */
    static ProxyExecutable adderFactory(SwitchInterval interval) {
        return arguments -> {
            ProxyExecutable iadd = member(arguments, "__iadd__");
            return (ProxyExecutable) operand -> {
                iadd.execute(operand); // validates the operand and adds it as a long or a BigInteger
                return interval.elapsed();
            };
        };
    }

    /** The function Python calls with an {@link AtomicIntProxy} to get its comparer, answering for {@code interval}. */
    static ProxyExecutable comparerFactory(SwitchInterval interval) {
        return arguments -> {
            ProxyExecutable compareAndSet = member(arguments, "compare_and_set");
            return (ProxyExecutable) expectedAndNew -> {
                boolean set = (Boolean) compareAndSet.execute(expectedAndNew);
                return (set ? 1 : 0) | (interval.elapsed() ? 2 : 0);
            };
        };
    }

    /** The member {@code name} of the AtomicIntProxy that is the only argument. */
    private static ProxyExecutable member(Value[] arguments, String name) {
        if (arguments.length != 1 || !(arguments[0].isProxyObject() && arguments[0].asProxyObject() instanceof AtomicIntProxy proxy)) {
            throw new IllegalArgumentException("an AtomicIntProxy was expected, not "
                    + (arguments.length == 1 ? BoundedText.kindOf(arguments[0]) : arguments.length + " arguments"));
        }
        return (ProxyExecutable) proxy.getMember(name);
    }
}

package dev.atomicint.python;

import dev.atomicint.AtomicIntStore;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The Python face of an {@link AtomicIntStore}: {@code atomic_int(name)}, {@code close()},
 * {@code address}. {@link #connect} is how Python's {@code atomicint.connect} opens one.
 */
public final class StoreProxy implements ProxyObject {

    private final Map<String, Object> members;

    private StoreProxy(AtomicIntStore store) {
        this.members = Map.of(
                "address", store.address(),
                "atomic_int", (ProxyExecutable) args -> new RemoteAtomicIntProxy(store.atomicInt(args[0].asString())),
                "close", (ProxyExecutable) args -> {
                    store.close();
                    return null;
                });
    }

    /** Connects to the store at {@code address} (see {@link AtomicIntStore#connect}). */
    public static ProxyObject connect(String address) {
        return new StoreProxy(AtomicIntStore.connect(address));
    }

    @Override
    public Object getMember(String key) {
        return members.get(key);
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromArray(members.keySet().toArray());
    }

    @Override
    public boolean hasMember(String key) {
        return members.containsKey(key);
    }

    @Override
    public void putMember(String key, Value value) {
        throw new UnsupportedOperationException("read-only");
    }
}

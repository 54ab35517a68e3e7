package dev.atomicint.python;

import dev.atomicint.AtomicIntStore;
import java.util.Map;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The Python face of an {@link AtomicIntStore}: {@code atomic_int(name)}, {@code close()},
 * {@code address}. {@link #connect} is how Python's {@code atomicint.connect} opens one.
 */
public final class StoreProxy {

    private StoreProxy() {}

    /** Connects to the store at {@code address} (see {@link AtomicIntStore#connect}); read-only members. */
    public static ProxyObject connect(String address) {
        AtomicIntStore store = AtomicIntStore.connect(address);
        return ProxyObject.fromMap(Map.of(
                "address", store.address(),
                "atomic_int", (ProxyExecutable) args -> RemoteAtomicIntProxy.of(store.atomicInt(args[0].asString())),
                "close", (ProxyExecutable) args -> {
                    store.close();
                    return null;
                }));
    }
}

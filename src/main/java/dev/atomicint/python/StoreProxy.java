package dev.atomicint.python;

import dev.atomicint.AtomicIntStore;
import java.util.Map;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The Python face of an {@link AtomicIntStore}: {@code atomic_int(name)}, {@code close()},
 * {@code address}. Contexts made by {@link AtomicIntPython} open stores through their {@link
 * GuestStores}, under their {@link StoreAccess}; {@link #connect} serves GraalPy's own launcher
 * ({@code bin/atomicint-python}), whose Python code the user runs as a program of their own.
 */
public final class StoreProxy {

    private StoreProxy() {}

    /**
     * Connects to the store at {@code address} (see {@link AtomicIntStore#connect}), any address:
     * for Python with host class lookup and no set-up call (GraalPy's own launcher), which could
     * open sockets itself. It carries no {@code @HostAccess.Export}: contexts under
     * {@code HostAccess.EXPLICIT} or atomicint's policy cannot call it.
     */
    public static ProxyObject connect(String address) {
        return of(AtomicIntStore.connect(address), true);
    }

    /**
     * The proxy of {@code store}; read-only members. {@code closeable}: whether Python's {@code
     * close()} closes it (false for a store the host opened and handed in, which stays the host's).
     */
    static ProxyObject of(AtomicIntStore store, boolean closeable) {
        return ProxyObject.fromMap(Map.of(
                "address", store.address(),
                "atomic_int", (ProxyExecutable) args -> RemoteAtomicIntProxy.of(store.atomicInt(args[0].asString())),
                "close", (ProxyExecutable) args -> {
                    if (closeable) {
                        store.close();
                    }
                    return null;
                }));
    }
}

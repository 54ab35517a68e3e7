package dev.atomicint.python;

import dev.atomicint.AtomicIntStore;
import dev.atomicint.store.Engine;
import dev.atomicint.store.Engines;
import dev.atomicint.store.StoreAddress;
import dev.atomicint.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The stores one context's guest code opened with {@code atomicint.connect}, under the context's
 * {@link StoreAccess}: {@link #connect} checks the grant before anything is sent, counts the open
 * stores against the grant's limit, and confines names to the grant's prefix; {@link #closeAll}
 * (Python's {@code atexit}, so at {@code Context.close()}) closes them all. Each store is an
 * {@link IdleClosingEngine}, so after {@code close(true)}, which runs no Python, its connections
 * and threads go once it has been idle for two seconds.
 */
final class GuestStores {

    private final StoreAccess access;
    private final List<IdleClosingEngine> open = new ArrayList<>(); // guarded by this
    private int reserved; // stores being opened, guarded by this
    private boolean closed; // guarded by this

    GuestStores(StoreAccess access) {
        this.access = access;
    }

    /** Python's {@code atomicint.connect(address)}: a store proxy, or StoreAccessDeniedException before anything is sent. */
    ProxyObject connect(String text) {
        StoreAddress requested = StoreAddress.parse(text);
        StoreAccess.Grant grant = access.find(requested);
        if (grant == null) {
            throw new StoreAccessDeniedException(access.grantsAny()
                    ? "this context's StoreAccess does not grant the store " + requested + "; nothing was sent"
                    : "this context has no store grant (StoreAccess.NONE), so Python code cannot open stores; the"
                            + " Java application grants them with AtomicIntPython.newContext(builder, StoreAccess...)"
                            + " (or hands in a store it opened, with AtomicIntPython.toPython)");
        }
        if (requested.tls().namesFiles()) { // a guest names no file of the host's: a grant's address holds them
            throw new StoreAccessDeniedException("Python code may not name TLS files (ca=, cert=, key=) in a store address;"
                    + " the StoreAccess grant's address names them; nothing was sent");
        }
        StoreAddress address = grant.address() == null ? requested : requested.withCredentialsFrom(grant.address());
        synchronized (this) {
            if (closed) {
                throw new StoreException("this context is closing: its stores are closed");
            }
            if (open.size() + reserved >= access.maxOpenStores()) {
                throw new StoreAccessDeniedException("this context already has " + access.maxOpenStores()
                        + " stores open, the most its StoreAccess allows; close one first");
            }
            reserved++;
        }
        IdleClosingEngine engine = null;
        try {
            IdleClosingEngine[] self = new IdleClosingEngine[1];
            engine = IdleClosingEngine.open(() -> Engines.open(address, access.maxConnectionsPerStore()), address.toString(),
                    () -> released(self[0]));
            self[0] = engine;
        } finally {
            synchronized (this) {
                reserved--;
                if (engine != null) {
                    open.add(engine);
                }
            }
        }
        if (isClosed()) { // closeAll ran while this store was being opened
            engine.close();
            throw new StoreException("this context is closing: its stores are closed");
        }
        Engine visible = grant.namePrefix().isEmpty() ? engine : new PrefixedEngine(engine, grant.namePrefix());
        return StoreProxy.of(AtomicIntStore.over(visible), true);
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized void released(IdleClosingEngine engine) {
        open.remove(engine);
    }

    /** Closes every store this context's guest code opened; later connects fail. */
    void closeAll() {
        List<IdleClosingEngine> engines;
        synchronized (this) {
            closed = true;
            engines = new ArrayList<>(open);
        }
        for (IdleClosingEngine engine : engines) {
            engine.close();
        }
    }
}

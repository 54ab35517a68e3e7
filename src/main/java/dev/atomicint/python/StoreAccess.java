package dev.atomicint.python;

import dev.atomicint.store.StoreAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which stores Python code may open itself with {@code atomicint.connect(address)}: the grant a
 * context's set-up call takes ({@link AtomicIntPython#newContext(org.graalvm.polyglot.Context.Builder,
 * StoreAccess)} and the other set-ups), in the manner of GraalVM's {@code IOAccess}. {@link #NONE},
 * every set-up's default, lets guest code open no store at all: {@code connect} raises
 * PermissionError before anything is sent. Stores a Java host opens itself and hands in ({@code
 * AtomicIntPython.toPython}) need no grant.
 *
 * <pre>{@code
 * StoreAccess access = StoreAccess.newBuilder()
 *         .allowStore("redis://:secret@10.0.0.5:6379/2", "tenant-42:") // this store, names under this prefix
 *         .build();
 * Context context = AtomicIntPython.newContext(Context.newBuilder("python"), access);
 * }</pre>
 *
 * A granted address names one store: engine, servers (in order), database or chroot, compared in
 * canonical form ({@link StoreAddress}); the guest may choose the timeout and, if the grant holds
 * credentials, may omit them (the grant's are used, never shown to it). A name prefix confines the
 * guest to the keys (ZooKeeper: the nodes under the chroot) whose names start with it: the guest's
 * {@code store.atomic_int("visits")} is the key {@code tenant-42:visits}, and it cannot name any
 * other. What a guest opens belongs to its context and is bounded: at most {@link
 * #maxOpenStores()} stores open at once, each with at most {@link #maxConnectionsPerStore()}
 * connections (Redis; a ZooKeeper store is one session), all closed when the context closes and
 * after two idle seconds (see docs/security.md). Immutable; one grant may serve many contexts.
 */
public final class StoreAccess {

    public static final int DEFAULT_MAX_OPEN_STORES = 4;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_STORE = 8;

    /** No store: {@code atomicint.connect} raises PermissionError. The default of every set-up call. */
    public static final StoreAccess NONE = newBuilder().build();

    /**
     * Any address, with unconfined names, within the default limits: for code as trusted as the
     * application (a guest with it can reach any host and port the JVM can, as with host sockets).
     */
    public static final StoreAccess ALL = newBuilder().allowStores(address -> true).build();

    /** One entry: a store and the name prefix its guests are confined to, or a predicate over addresses (names unconfined). */
    record Grant(StoreAddress address, Predicate<StoreAddress> addresses, String namePrefix) {
        boolean allows(StoreAddress requested) {
            return address != null ? address.sameStore(requested) : addresses.test(requested);
        }
    }

    private final List<Grant> grants;
    private final int maxOpenStores;
    private final int maxConnectionsPerStore;

    private StoreAccess(Builder builder) {
        this.grants = List.copyOf(builder.grants);
        this.maxOpenStores = builder.maxOpenStores;
        this.maxConnectionsPerStore = builder.maxConnectionsPerStore;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /** The first grant that allows {@code requested}, or null. */
    Grant find(StoreAddress requested) {
        for (Grant grant : grants) {
            if (grant.allows(requested)) {
                return grant;
            }
        }
        return null;
    }

    /** Whether any store is granted. */
    boolean grantsAny() {
        return !grants.isEmpty();
    }

    /** How many stores a context's guest code may have open at once. */
    public int maxOpenStores() {
        return maxOpenStores;
    }

    /** How many connections each of them may hold (Redis: its pool's size). */
    public int maxConnectionsPerStore() {
        return maxConnectionsPerStore;
    }

    @Override
    public String toString() {
        if (grants.isEmpty()) {
            return "StoreAccess.NONE";
        }
        List<String> shown = new ArrayList<>();
        for (Grant g : grants) {
            shown.add(g.address() != null ? g.address() + (g.namePrefix().isEmpty() ? "" : " (names '" + g.namePrefix() + "...')")
                    : "addresses matching " + g.addresses());
        }
        return "StoreAccess" + shown + "[at most " + maxOpenStores + " stores, " + maxConnectionsPerStore + " connections each]";
    }

    /** Builds a {@link StoreAccess}: the grants are tried in the order given. */
    public static final class Builder {
        private final List<Grant> grants = new ArrayList<>();
        private int maxOpenStores = DEFAULT_MAX_OPEN_STORES;
        private int maxConnectionsPerStore = DEFAULT_MAX_CONNECTIONS_PER_STORE;

        private Builder() {}

        /** Allows the store at {@code address}, every name in it. */
        public Builder allowStore(String address) {
            return allowStore(address, "");
        }

        /**
         * Allows the store at {@code address}, confined to the names the guest gives prefixed with
         * {@code namePrefix} (which the guest neither sees nor can leave); its credentials, if any,
         * are used when the guest gives none.
         */
        public Builder allowStore(String address, String namePrefix) {
            Objects.requireNonNull(namePrefix, "namePrefix");
            if (namePrefix.chars().anyMatch(c -> c < ' ' || c == 0x7f || c == '/')) {
                throw new IllegalArgumentException("a name prefix must not contain '/' or control characters");
            }
            grants.add(new Grant(StoreAddress.parse(address), null, namePrefix));
            return this;
        }

        /** Allows every store whose parsed address {@code addresses} accepts, every name in it. */
        public Builder allowStores(Predicate<StoreAddress> addresses) {
            grants.add(new Grant(null, Objects.requireNonNull(addresses, "addresses"), ""));
            return this;
        }

        /** At most {@code count} stores open at once per context (default {@value #DEFAULT_MAX_OPEN_STORES}). */
        public Builder maxOpenStores(int count) {
            this.maxOpenStores = positive(count, "maxOpenStores");
            return this;
        }

        /** At most {@code count} connections per store (default {@value #DEFAULT_MAX_CONNECTIONS_PER_STORE}). */
        public Builder maxConnectionsPerStore(int count) {
            this.maxConnectionsPerStore = positive(count, "maxConnectionsPerStore");
            return this;
        }

        public StoreAccess build() {
            return new StoreAccess(this);
        }

        private static int positive(int count, String what) {
            if (count < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, not " + count);
            }
            return count;
        }
    }
}

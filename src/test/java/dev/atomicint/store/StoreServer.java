package dev.atomicint.store;

/**
 * A real store the tests start themselves on loopback, and stop: a redis-server ({@link
 * RedisServer}) or a 3-server ZooKeeper ensemble ({@link ZooKeeperEnsemble}). Tests that hold for
 * every engine take a {@link Kind} and run once per engine.
 */
public interface StoreServer extends AutoCloseable {

    /** The address {@code AtomicIntStore.connect} and {@code atomicint.connect} take. */
    String url();

    @Override
    void close() throws Exception;

    /** The engines the tests run on. */
    enum Kind {
        REDIS,
        ZOOKEEPER;

        /** Starts a fresh server (an ensemble for ZooKeeper) of this kind. */
        public StoreServer start() {
            return switch (this) {
                case REDIS -> RedisServer.start();
                case ZOOKEEPER -> ZooKeeperEnsemble.start();
            };
        }
    }
}

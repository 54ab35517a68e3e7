package dev.atomicint.store;

/**
 * When a store of several Redis servers may ask them again where things are (the sentinels for the
 * master, the cluster for its slots): at most every 100 ms, since many threads fail at once in a
 * failover, and never once the store is closed. Thread-safe.
 */
final class AskLimit {

    /** The least time between two questions. */
    private static final long INTERVAL_NANOS = 100_000_000L;

    private long askedAt = System.nanoTime(); // guarded by this; the store asked as it opened
    private boolean closed; // guarded by this

    /** Whether the caller may ask now; if so, the next may only ask 100 ms later. */
    synchronized boolean mayAsk() {
        if (closed || System.nanoTime() - askedAt < INTERVAL_NANOS) {
            return false;
        }
        askedAt = System.nanoTime();
        return true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized void close() {
        closed = true;
    }
}

package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicIntStore;
import dev.atomicint.RemoteAtomicInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A call on a stalled server (SIGSTOP: connections stay open, nothing answers) fails within its
 * timeout: one wait, not two (a failed connection's replacement is made off the caller's thread).
 */
@Timeout(120)
class RedisStallTest {

    private static final int TIMEOUT_MILLIS = 1000;
    /** Over the timeout a call may take: scheduling on a loaded 2-core machine (a second wait would add 1000). */
    private static final int MARGIN_MILLIS = 600;

    @ParameterizedTest
    @ValueSource(strings = {"get", "add", "compareAndSet", "getAndSet", "addAndGet"})
    void aCallOnAStalledServerFailsWithinItsTimeout(String call) throws Exception {
        Consumer<RemoteAtomicInt> step = switch (call) {
            case "get" -> RemoteAtomicInt::get;
            case "add" -> n -> n.add(1);
            case "compareAndSet" -> n -> n.compareAndSet(1, 2);
            case "getAndSet" -> n -> n.getAndSet(5);
            default -> n -> n.addAndGet(1);
        };
        try (RedisServer server = RedisServer.start();
                AtomicIntStore store = AtomicIntStore.connect(server.url() + "?timeout=" + TIMEOUT_MILLIS)) {
            RemoteAtomicInt n = store.atomicInt("stalled");
            n.set(1); // a pooled connection, scripts loaded
            server.stall(true);
            try {
                for (int attempt = 0; attempt < 3; attempt++) { // the first reuses a pooled connection, later ones open new ones
                    long began = System.nanoTime();
                    assertThrows(StoreException.class, () -> step.accept(n));
                    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
                    assertTrue(took <= TIMEOUT_MILLIS + MARGIN_MILLIS, call + " attempt " + attempt + " took " + took + " ms");
                }
            } finally {
                server.stall(false);
            }
        }
    }
}

package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicIntStore;
import dev.atomicint.RemoteAtomicInt;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

/** A RemoteAtomicInt on a real redis-server started for this class: the contract, and the Redis mapping. */
class RemoteAtomicIntTest extends RedisContract {

    RemoteAtomicIntTest() {
        super(StoreServer.Kind.REDIS::start, started -> RedisClient.create("127.0.0.1", ((RedisServer) started).port()));
    }

    @Override
    String unreachableUrl() throws Exception {
        return "redis://127.0.0.1:" + freePort() + "/0";
    }

    @Test
    void otherClientsIncrbyKeepsWorkingWhileTheValueFits64Bits() {
        RemoteAtomicInt n = fresh();
        n.add(Long.MAX_VALUE);
        n.add(1); // 2^63: past INCRBY's range, written by compare-and-set
        assertEquals(TWO_63.toString(), plain().get(n.name()));
        n.add(-1);
        assertEquals(Long.MAX_VALUE - 10, plain().incrBy(n.name(), -10));
        assertEquals(Long.MAX_VALUE - 10, n.get());
    }

    @Test
    void aKeyOfAnotherTypeThrowsAndIsLeftAlone() {
        RemoteAtomicInt n = fresh();
        plain().rpush(n.name(), "x");
        assertThrows(StoreException.class, n::get);
        assertThrows(RuntimeException.class, () -> n.add(1));
        assertEquals(List.of("x"), plain().lrange(n.name(), 0, -1));
    }

    @Test
    void anUpdateWhoseAnswerTimesOutHasAnUnknownOutcomeAndTheNextCallReconnects() throws Exception {
        try (AtomicIntStore impatient = AtomicIntStore.connect(server().url() + "?timeout=200")) {
            RemoteAtomicInt n = impatient.atomicInt(freshKey());
            n.set(1);
            plain().sendCommand(Protocol.Command.CLIENT, "PAUSE", "1000"); // the server holds every client's commands for 1 s
            assertThrows(OutcomeUnknownException.class, () -> n.add(1));
            Thread.sleep(1000);
            long after = n.get(); // the next call works again, on a fresh connection
            assertTrue(after == 1 || after == 2, "applied at most once: " + after);
            n.add(1);
            assertEquals(after + 1, n.get());
        }
    }
}

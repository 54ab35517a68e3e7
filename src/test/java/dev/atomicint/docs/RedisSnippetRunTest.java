package dev.atomicint.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atomicint.AtomicIntStore;
import dev.atomicint.IntOp;
import dev.atomicint.RemoteAtomicInt;
import dev.atomicint.python.AtomicIntPython;
import dev.atomicint.store.RedisServer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** README's Redis section's Java block, run as written against a real redis-server on loopback. */
@Timeout(120)
class RedisSnippetRunTest {

    @Test
    void readmeRedisBlockRunsAsWritten() throws InterruptedException {
        try (RedisServer server = RedisServer.start()) {
            String url = server.url();
            // quoted in docs: begin
            try (AtomicIntStore store = AtomicIntStore.connect(url);          // url: "redis://127.0.0.1:6379/0"
                    Context python = AtomicIntPython.newContext(Context.newBuilder("python"))) {
                RemoteAtomicInt visits = store.atomicInt("visits");
                visits.incrementAndGet();
                visits.apply(IntOp.POW, 3);
                Value inPython = AtomicIntPython.toPython(python, visits);    // the same AtomicInt in Python
                python.getBindings("python").putMember("visits", inPython);
                python.eval("python", "visits += 1");
            }
            // quoted in docs: end
            try (AtomicIntStore again = AtomicIntStore.connect(url)) {
                assertEquals(2, again.atomicInt("visits").get());
            }
        }
    }
}

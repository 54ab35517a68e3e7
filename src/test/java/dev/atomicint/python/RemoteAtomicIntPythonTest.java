package dev.atomicint.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicIntStore;
import dev.atomicint.RemoteAtomicInt;
import dev.atomicint.store.RedisServer;
import java.math.BigInteger;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A RemoteAtomicInt made in Java and handed to Python is the AtomicInt Python would make for that key. */
@Timeout(120)
class RemoteAtomicIntPythonTest {

    private static RedisServer server;
    private static AtomicIntStore store;

    @BeforeAll
    static void start() {
        server = RedisServer.start();
        store = AtomicIntStore.connect(server.url());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        store.close();
        server.close();
    }

    private static void sharesTheValue(Function<Context.Builder, Context> setUp, String key) {
        RemoteAtomicInt n = store.atomicInt(key);
        n.set(5);
        try (Context context = setUp.apply(Context.newBuilder("python").allowCreateThread(true))) {
            Value python = AtomicIntPython.toPython(context, n);
            context.getBindings("python").putMember("n", python);
            Value same = context.eval("python", """
                    import atomicint
                    assert isinstance(n, atomicint.AtomicInt), type(n)
                    n += 2**70
                    n *= 3
                    store = atomicint.connect(n_url)
                    other = store.atomic_int(n.name)
                    result = other.get() == n.get() and n.get() == (5 + 2**70) * 3
                    store.close()
                    result
                    """.replace("n_url", "'" + server.url() + "'"));
            assertTrue(same.asBoolean());
        }
        assertEquals(BigInteger.valueOf(5).add(BigInteger.ONE.shiftLeft(70)).multiply(BigInteger.valueOf(3)), n.getBigInteger());
    }

    @Test
    void inHostMode() {
        sharesTheValue(AtomicIntPython::newContext, "java-made:host");
    }

    @Test
    void inSandboxMode() {
        sharesTheValue(AtomicIntPython::newSandboxedContext, "java-made:sandbox");
    }
}

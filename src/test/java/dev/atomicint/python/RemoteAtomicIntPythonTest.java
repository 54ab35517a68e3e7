package dev.atomicint.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicIntStore;
import dev.atomicint.RemoteAtomicInt;
import dev.atomicint.store.StoreServer;
import java.math.BigInteger;
import java.util.function.BiFunction;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A RemoteAtomicInt made in Java and handed to Python is the AtomicInt Python would make for that key, on every engine. */
@Timeout(120)
class RemoteAtomicIntPythonTest {

    private static void sharesTheValue(StoreServer.Kind kind, BiFunction<Context.Builder, StoreAccess, Context> setUp, String key) throws Exception {
        try (StoreServer server = kind.start(); AtomicIntStore store = AtomicIntStore.connect(server.url())) {
            RemoteAtomicInt n = store.atomicInt(key);
            n.set(5);
            try (Context context = setUp.apply(Context.newBuilder("python").allowCreateThread(true),
                    StoreAccess.newBuilder().allowStore(server.url()).build())) {
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
    }

    @ParameterizedTest
    @EnumSource(StoreServer.Kind.class)
    void inHostMode(StoreServer.Kind kind) throws Exception {
        sharesTheValue(kind, AtomicIntPython::newContext, "java-made:host");
    }

    @ParameterizedTest
    @EnumSource(StoreServer.Kind.class)
    void inSandboxMode(StoreServer.Kind kind) throws Exception {
        sharesTheValue(kind, AtomicIntPython::newSandboxedContext, "java-made:sandbox");
    }
}

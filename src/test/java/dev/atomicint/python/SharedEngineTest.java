package dev.atomicint.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicInt;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Test;

/**
 * GraalVM allows one host access configuration per shared Engine, and host-mode and sandboxed
 * contexts differ in it: mixing them on one Engine is refused with an error that names the rule,
 * whichever came first, and the context already there keeps working.
 */
class SharedEngineTest {

    @Test
    void aSandboxedContextOnAHostModeEngineIsRefusedNamingTheRule() {
        assertRefusedAfter(AtomicIntPython::newContext, AtomicIntPython::newSandboxedContext);
    }

    @Test
    void aHostModeContextOnASandboxedEngineIsRefusedNamingTheRule() {
        assertRefusedAfter(AtomicIntPython::newSandboxedContext, AtomicIntPython::newContext);
    }

    @Test
    void contextsOfOneModeShareAnEngine() {
        AtomicInt counter = new AtomicInt();
        try (Engine engine = engine();
                Context first = AtomicIntPython.newSandboxedContext(Context.newBuilder("python").engine(engine));
                Context second = AtomicIntPython.newSandboxedContext(Context.newBuilder("python").engine(engine))) {
            for (Context context : new Context[] {first, second}) {
                context.getBindings("python").putMember("n", AtomicIntPython.toPython(context, counter));
                context.eval("python", "n += 1");
            }
        }
        assertEquals(2, counter.get());
    }

    private static void assertRefusedAfter(Function<Context.Builder, Context> first, Function<Context.Builder, Context> second) {
        AtomicInt counter = new AtomicInt();
        try (Engine engine = engine(); Context there = first.apply(Context.newBuilder("python").engine(engine))) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> second.apply(Context.newBuilder("python").engine(engine)).close());
            assertTrue(refused.getMessage().contains("one per Engine"), refused.getMessage());
            there.getBindings("python").putMember("n", AtomicIntPython.toPython(there, counter));
            there.eval("python", "n += 1");
        }
        assertEquals(1, counter.get());
    }

    private static Engine engine() {
        return Engine.newBuilder("python").option("engine.WarnInterpreterOnly", "false").build();
    }
}

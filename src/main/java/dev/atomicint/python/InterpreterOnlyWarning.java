package dev.atomicint.python;

import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Engine;

/**
 * Warns once per JVM, on the first context set up on an engine without the Graal JIT (polyglot's
 * fallback runtime, "Interpreted"), that Python runs 30-300x slower there and names the flags that
 * fix it. GraalVM's own warning comes once per engine, so once per context for contexts built
 * without a shared engine, and is often silenced. {@code -Datomicint.warnInterpreterOnly=false},
 * or GraalVM's {@code -Dpolyglot.engine.WarnInterpreterOnly=false}, silences this one too.
 */
final class InterpreterOnlyWarning {

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    static final String MESSAGE = "atomicint: GraalPy runs interpreter-only in this JVM (no Graal JIT), so Python code runs"
            + " 30-300x slower. On a stock JDK start the JVM with -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI"
            + " --upgrade-module-path=<org.graalvm.compiler:compiler jar> and the GraalVM jars on --module-path"
            + " (docs/embedding.md, \"Speed: the JVM flags\"), or run on a GraalVM JDK."
            + " -Datomicint.warnInterpreterOnly=false silences this.";

    private InterpreterOnlyWarning() {}

    static void checkOnce(Engine engine) {
        if (!"Interpreted".equals(engine.getImplementationName()) || silenced() || WARNED.getAndSet(true)) {
            return;
        }
        System.getLogger("dev.atomicint").log(System.Logger.Level.WARNING, MESSAGE);
    }

    private static boolean silenced() {
        return "false".equals(System.getProperty("atomicint.warnInterpreterOnly"))
                || "false".equals(System.getProperty("polyglot.engine.WarnInterpreterOnly"));
    }
}

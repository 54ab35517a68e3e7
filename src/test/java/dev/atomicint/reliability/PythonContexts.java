package dev.atomicint.reliability;

import dev.atomicint.AtomicInt;
import dev.atomicint.python.AtomicIntPython;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The GraalPy set-up the reliability tests share: contexts in either mode, AtomicInts handed to
 * them, and the Python scripts of this package (test resources next to this class) run in them.
 *
 * <p>Contexts of one mode share an {@link Engine}, so Python code is compiled once for all of them;
 * host-mode and sandboxed contexts cannot share one (their host access differs). Closing this
 * closes every context it opened (cancelling what still runs) and then the engines.
 */
final class PythonContexts implements AutoCloseable {

    /** How a context reaches Java: the host-object face, or no host access and the proxy face. */
    enum Mode {
        HOST, SANDBOXED;

        /** Lower-case name, as the reports spell it. */
        String label() {
            return this == HOST ? "host" : "sandboxed";
        }
    }

    private final Map<Mode, Engine> engines = new EnumMap<>(Mode.class);
    private final List<Context> contexts = new ArrayList<>();

    /** Opens a context of {@code mode} that may start Python threads, with atomicint installed. */
    synchronized Context open(Mode mode) {
        Context.Builder builder = Context.newBuilder("python")
                .engine(engines.computeIfAbsent(mode, m -> Engine.newBuilder("python").build()))
                .allowCreateThread(true);
        Context context = mode == Mode.HOST
                ? AtomicIntPython.newContext(builder)
                : AtomicIntPython.newSandboxedContext(builder);
        contexts.add(context);
        return context;
    }

    /** {@code n} as Python's AtomicInt in {@code context}: same value, same atomic updates. */
    static Value share(Context context, AtomicInt n) {
        return AtomicIntPython.toPython(context, n);
    }

    /** Runs the script {@code name} (a resource of this package) in {@code context}; answers its last expression. */
    static Value run(Context context, String name) {
        try (InputStream in = PythonContexts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name + " next to " + PythonContexts.class.getName());
            }
            return context.eval(Source.newBuilder("python", new String(in.readAllBytes(), StandardCharsets.UTF_8), name).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        for (Context context : contexts) {
            try {
                context.close(true);
            } catch (PolyglotException | IllegalStateException alreadyGone) {
                // closed or cancelled by the test itself
            }
        }
        contexts.clear();
        engines.values().forEach(Engine::close);
        engines.clear();
    }
}

import dev.atomicint.AtomicInt;
import dev.atomicint.python.AtomicIntPython;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The embedded part of the suite's long runs: {@code long_runs.py}'s {@code n += 1} threads in
 * contexts a Java host makes, on one AtomicInt shared from Java, for each face (host mode, sandboxed)
 * and layout: 1 context x 1 thread, 1 context x 4 Python threads, 4 contexts x 1 thread (an engine
 * each, and one shared engine). {@code bench.py} runs it and sets the launcher's rate beside it.
 * Only the shared-engine rows build an {@link Engine}: a context built without one has an engine of
 * its own that GraalPy knows serves one context, and compiles for that (an explicit Engine, even
 * with one context, ran the same {@code +=} at 9.8 against 33.6 M/s: docs/embedding.md).
 *
 * <pre>bin/atomicint-java benchmarks/python/EmbeddedLongRuns.java benchmarks/python/long_runs.py [WARMUP-S] [SECONDS] [JVM-WARMUP-S]</pre>
 *
 * The JVM warms first: a host-mode context's thread loops for JVM-WARMUP-S seconds (default 30),
 * unmeasured. On a stock JDK the Graal compiler runs as Java code that HotSpot has yet to compile,
 * so in a fresh JVM the first Python loops take tens of seconds to reach their compiled rate
 * (measured: a context's `+=` at 10-17 M/s after 5 s, 33.6 M/s after 30 s, as the resident
 * server's warm JVM gives a run); an application that runs for minutes has that behind it.
 *
 * Prints one tab-separated line per face and layout: face, layout, increments/s of all threads
 * together, and whether the shared AtomicInt holds exactly the increments the threads made (1 or 0).
 */
public final class EmbeddedLongRuns {

    private record Face(String name, Function<Context.Builder, Context> setUp) {}

    private record Layout(String name, int contexts, int threadsEach, boolean sharedEngine) {}

    public static void main(String[] args) throws Exception {
        Source source = Source.newBuilder("python", Files.readString(Path.of(args[0])), "long_runs.py").build();
        double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        double jvmWarmup = args.length > 3 ? Double.parseDouble(args[3]) : 30;
        List<Face> faces = List.of(new Face("host", AtomicIntPython::newContext), new Face("sandbox", AtomicIntPython::newSandboxedContext));
        List<Layout> layouts = List.of(new Layout("1 context x 1 thread", 1, 1, false), new Layout("1 context x 4 threads", 1, 4, false),
                new Layout("4 contexts x 1 thread, an engine each", 4, 1, false),
                new Layout("4 contexts x 1 thread, one shared engine", 4, 1, true));
        run(source, faces.get(0), layouts.get(0), jvmWarmup, 0.1); // the JVM's warm-up: not printed
        for (Face face : faces) {
            for (Layout layout : layouts) {
                System.out.printf("%s\t%s\t%s%n", face.name(), layout.name(), run(source, face, layout, warmup, seconds));
                System.out.flush();
            }
        }
    }

    /** Runs the layout once: answers "rate\texact". Every context is made before any thread starts. */
    private static String run(Source source, Face face, Layout layout, double warmup, double seconds) throws Exception {
        AtomicInt shared = new AtomicInt();
        List<Engine> engines = new ArrayList<>();
        List<Context> contexts = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(layout.contexts());
        try {
            Engine sharedEngine = layout.sharedEngine() ? newEngine(engines) : null;
            List<Callable<Value>> runs = new ArrayList<>();
            for (int c = 0; c < layout.contexts(); c++) {
                Context.Builder builder = sharedEngine != null ? Context.newBuilder("python").engine(sharedEngine)
                        : Context.newBuilder("python").option("engine.WarnInterpreterOnly", "false");
                Context context = face.setUp().apply(builder.allowCreateThread(true));
                contexts.add(context);
                context.eval(source);
                Value rate = context.getBindings("python").getMember("rate");
                Value n = AtomicIntPython.toPython(context, shared);
                runs.add(() -> rate.execute(n, layout.threadsEach(), warmup, seconds));
            }
            double total = 0;
            long made = 0;
            for (Future<Value> result : threads.invokeAll(runs)) {
                total += result.get().getArrayElement(0).asDouble(); // (rate, increments made)
                made += result.get().getArrayElement(1).asLong();
            }
            return String.format("%.0f\t%d", total, shared.get() == made ? 1 : 0);
        } finally {
            threads.shutdown();
            contexts.forEach(Context::close);
            engines.forEach(Engine::close);
        }
    }

    private static Engine newEngine(List<Engine> engines) {
        Engine engine = Engine.newBuilder("python").option("engine.WarnInterpreterOnly", "false").build();
        engines.add(engine);
        return engine;
    }
}

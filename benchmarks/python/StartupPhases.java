import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;

/**
 * One cold start, phase by phase, as {@code bin/atomicint-python} goes through it: the JVM up to
 * {@code main}, the polyglot engine, the context, GraalPy's initialisation (its core and {@code site}),
 * {@code import atomicint}, the first {@code +=}, then chunks of 1M {@code n += 1} in one loop until
 * the loop runs compiled. coldstart.py runs it in fresh processes (bin/atomicint-java, the same layout
 * and AOT cache as the launcher).
 *
 * <pre>bin/atomicint-java benchmarks/python/StartupPhases.java [CHUNKS]    # from the project root</pre>
 *
 * Prints tab-separated lines: phase, milliseconds.
 */
public final class StartupPhases {

    private static final String HOT_LOOP = """
            def chunk(n, times):
                for _ in range(times):
                    n += 1
                return n
            chunk
            """;

    public static void main(String[] args) {
        long inMain = System.nanoTime();
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        row("JVM start, then compiling this source file (not a launcher phase)", ManagementFactory.getRuntimeMXBean().getUptime());
        long mark = inMain;
        try (Engine engine = Engine.newBuilder("python").option("engine.WarnInterpreterOnly", "false").build()) {
            mark = phase("engine", mark);
            try (Context context = Context.newBuilder("python").engine(engine).allowAllAccess(true)
                    .option("python.PythonPath", Path.of("python").toAbsolutePath().toString()).build()) {
                mark = phase("context", mark);
                context.initialize("python");
                mark = phase("GraalPy initialisation", mark);
                context.eval("python", "import site");
                mark = phase("site", mark);
                context.eval("python", "import atomicint");
                mark = phase("import atomicint", mark);
                Value n = context.eval("python", "from atomicint import AtomicInt\nn = AtomicInt()\nn += 1\nn");
                mark = phase("first AtomicInt() and +=", mark);
                Value chunk = context.eval("python", HOT_LOOP);
                long loopStart = mark;
                for (int i = 1; i <= chunks; i++) {
                    n = chunk.execute(n, 1_000_000);
                    long now = System.nanoTime();
                    if (i == 1 || i == 10 || i == chunks) {
                        row(String.format("hot loop: %dM += done", i), (now - loopStart) / 1e6);
                    }
                    mark = now;
                }
            }
        }
        row("main total", (System.nanoTime() - inMain) / 1e6);
    }

    private static long phase(String phase, long since) {
        long now = System.nanoTime();
        System.out.printf("%s\t%.1f%n", phase, (now - since) / 1e6);
        return now;
    }

    private static void row(String phase, double millis) {
        System.out.printf("%s\t%.1f%n", phase, millis);
    }
}

import dev.atomicint.python.AtomicIntHostAccess;
import dev.atomicint.python.AtomicIntPython;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;

/**
 * The start-up part of the GraalPy benchmark suite: what a context costs before its first use, with
 * and without atomicint, and what {@code import atomicint} costs in it. {@code bench.py} runs it.
 *
 * <pre>bin/atomicint-java benchmarks/python/StartupBench.java [ROUNDS]</pre>
 *
 * The first line of each kind is the cold one (a fresh JVM and engine); the rest are timed on a warm
 * engine shared by all contexts, as a host that makes contexts on demand would run them. Prints one
 * tab-separated line per measure: name, median, min and max milliseconds.
 */
public final class StartupBench {

    private static final String FIRST_USE = "from atomicint import AtomicInt\nn = AtomicInt()\nn += 1\nassert n == 1";

    /** What newContext sets before it builds (its engine requires the same host access), without the install. */
    private static Context.Builder strictHostMode(Context.Builder builder) {
        return builder.allowHostAccess(AtomicIntHostAccess.policy()).allowHostClassLookup(name -> false).allowHostClassLoading(false);
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        // An engine's contexts must share one host-access policy, so each kind of context has its own engine.
        Map<String, Function<Context.Builder, Context>> kinds = new LinkedHashMap<>();
        kinds.put("bare context", Context.Builder::build);
        kinds.put("allowAllAccess context + install", b -> AtomicIntPython.install(b.allowAllAccess(true).build()));
        kinds.put("atomicint context (newContext)", AtomicIntPython::newContext);
        kinds.put("sandboxed context (newSandboxedContext)", AtomicIntPython::newSandboxedContext);
        Map<String, Engine> engines = new LinkedHashMap<>();
        kinds.keySet().forEach(kind -> engines.put(kind, Engine.newBuilder("python").option("engine.WarnInterpreterOnly", "false").build()));
        Map<String, double[]> times = new LinkedHashMap<>();
        try {
            // Cold: the JVM, the engine and GraalPy's core are all new.
            kinds.forEach((kind, build) -> record(times, "cold: " + kind + ", first eval",
                    millis(() -> firstEval(build.apply(builder(engines.get(kind)))))));
            Function<Context.Builder, Context> hostMode = kinds.get("atomicint context (newContext)");
            Engine hostEngine = engines.get("atomicint context (newContext)");
            try (Context context = strictHostMode(builder(hostEngine)).build()) {
                context.eval("python", "None");
                record(times, "cold: the set-up call (AtomicIntPython.install, which imports atomicint)", millis(() -> AtomicIntPython.install(context)));
            }
            record(times, "cold: first AtomicInt() and += in a set-up context", firstUse(hostMode.apply(builder(hostEngine))));
            for (int round = 0; round < rounds; round++) {
                kinds.forEach((kind, build) -> record(times, "warm engine: " + kind + ", first eval",
                        millis(() -> firstEval(build.apply(builder(engines.get(kind)))))));
                try (Context context = strictHostMode(builder(hostEngine)).build()) {
                    context.eval("python", "None");
                    record(times, "warm engine: the set-up call (AtomicIntPython.install, which imports atomicint)",
                            millis(() -> AtomicIntPython.install(context)));
                }
                record(times, "warm engine: first AtomicInt() and += in a set-up context", firstUse(hostMode.apply(builder(hostEngine))));
            }
        } finally {
            engines.values().forEach(Engine::close);
        }
        times.forEach(StartupBench::print);
    }

    private static Context.Builder builder(Engine engine) {
        return Context.newBuilder("python").engine(engine);
    }

    /** Builds nothing more: evaluates one trivial expression in {@code context}, then closes it. */
    private static void firstEval(Context context) {
        try (context) {
            context.eval("python", "None");
        }
    }

    private static double firstUse(Context context) {
        try (context) {
            return millis(() -> context.eval("python", FIRST_USE));
        }
    }

    private static double millis(Runnable action) {
        long began = System.nanoTime();
        action.run();
        return (System.nanoTime() - began) / 1e6;
    }

    private static void record(Map<String, double[]> times, String name, double value) {
        double[] old = times.getOrDefault(name, new double[0]);
        double[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = value;
        times.put(name, grown);
    }

    private static void print(String name, double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        System.out.printf("%s\t%.1f\t%.1f\t%.1f%n", name, median, sorted[0], sorted[n - 1]);
    }
}

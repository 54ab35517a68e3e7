import dev.atomicint.python.AtomicIntPython;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The per-method part of the GraalPy benchmark suite on both faces of AtomicInt: the loops of
 * {@code method_loops.py} (one per method, and {@code n += 1}) in a host-mode context (the Java
 * object itself) and in a sandboxed context (the proxy face), single-threaded, interleaved in every
 * round, and in the sandboxed context a bare proxy call (the floor under its {@code n += 1}, see
 * {@link #bareCall}). {@code bench.py} runs it and puts its lines in its report.
 *
 * <pre>bin/atomicint-java benchmarks/python/MethodBench.java benchmarks/python/method_loops.py [ROUNDS] [WARMUP] [CALLS]</pre>
 *
 * Prints one tab-separated line per face and loop: face, loop name, median, min and max calls/s.
 */
public final class MethodBench {

    /** A context's loops, as a Python list of (name, loop) pairs, and the function that times one. */
    private record Face(String name, Value loops, Value rate) {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int calls = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        Source source = Source.newBuilder("python", Files.readString(file), "method_loops.py").build();

        // Each context has an engine of its own, made with it (not an explicit Engine, for which GraalPy
        // compiles as for several contexts: AtomicInt's += then runs about 3x slower, docs/embedding.md).
        try (Context host = AtomicIntPython.newContext(newBuilder());
                Context sandbox = AtomicIntPython.newSandboxedContext(newBuilder())) {
            List<Face> faces = List.of(face("host", host, source), face("sandbox", sandbox, source),
                    bareCall("sandbox", sandbox));
            List<String> names = new ArrayList<>();
            for (long l = 0; l < faces.get(0).loops().getArraySize(); l++) {
                names.add(faces.get(0).loops().getArrayElement(l).getArrayElement(0).asString());
            }
            double[][][] rates = new double[faces.size()][names.size()][rounds];
            for (int round = 0; round < warmup + rounds; round++) {
                for (int l = 0; l < names.size(); l++) { // interleaved: every loop and face sees the same machine state
                    for (int f = 0; f < faces.size(); f++) {
                        Face face = faces.get(f);
                        if (l >= face.loops().getArraySize()) {
                            continue;
                        }
                        double rate = face.rate().execute(face.loops().getArrayElement(l).getArrayElement(1), calls).asDouble();
                        if (round >= warmup) {
                            rates[f][l][round - warmup] = rate;
                        }
                    }
                }
            }
            for (int f = 0; f < faces.size(); f++) {
                Face face = faces.get(f);
                for (int l = 0; l < face.loops().getArraySize(); l++) {
                    double[] sorted = rates[f][l].clone();
                    Arrays.sort(sorted);
                    System.out.printf("%s\t%s\t%.0f\t%.0f\t%.0f%n", face.name(),
                            face.loops().getArrayElement(l).getArrayElement(0).asString(), median(sorted), sorted[0],
                            sorted[sorted.length - 1]);
                }
            }
        }
    }

    /** The loops of {@code method_loops.py} over the context's own {@code atomicint.AtomicInt}. */
    private static Face face(String name, Context context, Source source) {
        context.eval(source);
        Value module = context.getBindings("python");
        Value atomicInt = context.eval("python", "import atomicint; atomicint.AtomicInt");
        Value loops = context.eval("python", "lambda make, atomic_int: list(make(atomic_int).items())")
                .execute(module.getMember("loops"), atomicInt);
        return new Face(name, loops, module.getMember("rate"));
    }

    /**
     * The floor under the proxy face's {@code n += 1}: {@code method_loops.bare_call_loop} over a bare
     * {@code ProxyExecutable} that adds its argument to a Java {@code AtomicLong} and answers false, as
     * the sandboxed face's adder does (SandboxCalls), with no AtomicInt and no Python around the call.
     */
    private static Face bareCall(String name, Context context) {
        AtomicLong sink = new AtomicLong();
        ProxyExecutable bare = arguments -> {
            sink.addAndGet(arguments[0].asLong());
            return false;
        };
        Value module = context.getBindings("python");
        Value loop = module.getMember("bare_call_loop").execute(bare);
        Value loops = context.eval("python", "lambda name, loop: [(name, loop)]").execute(module.getMember("BARE_CALL"), loop);
        return new Face(name, loops, module.getMember("rate"));
    }

    private static Context.Builder newBuilder() {
        return Context.newBuilder("python").option("engine.WarnInterpreterOnly", "false");
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

import dev.atomicint.python.AtomicIntPython;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * Single-thread `n += 1` rate in an embedding application's JVM, whatever layout it was started
 * with (docs/embedding.md, "Speed: the JVM flags"). Arguments: [rounds] [seconds per round].
 * Prints each round's rate in million increments/s. After `mvn package` in demos/embedding, from there:
 *
 * <pre>
 * java -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=target/upgrade/compiler.jar \
 *      --module-path=target/modules --add-modules=ALL-MODULE-PATH --enable-native-access=org.graalvm.truffle \
 *      ../../benchmarks/python/EmbeddedRate.java 14 2
 * java -cp "target/modules/*" ../../benchmarks/python/EmbeddedRate.java 6 2
 * </pre>
 */
public final class EmbeddedRate {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
        try (Context python = AtomicIntPython.newContext(Context.newBuilder("python"))) {
            Value rate = python.eval("python", """
                    import time
                    from atomicint import AtomicInt

                    def rate(seconds):
                        n = AtomicInt()
                        end = time.perf_counter() + seconds
                        start = time.perf_counter()
                        while time.perf_counter() < end:
                            for _ in range(10000):
                                n += 1
                        return n.get() / (time.perf_counter() - start)
                    rate""");
            for (int round = 1; round <= rounds; round++) {
                System.out.printf("round %d: %.2f M increments/s%n", round, rate.execute(seconds).asDouble() / 1e6);
            }
        }
    }
}

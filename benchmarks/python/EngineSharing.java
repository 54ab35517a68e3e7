import java.io.*;
import java.util.*;
import org.graalvm.polyglot.*;

/**
 * Whether a run of bin/atomicint-python on a resident server should get a context of one shared
 * Engine or a new engine in the same warm JVM (docs/launcher.md, "Resident server"): runs a script
 * in launcher-like contexts, alternating the two kinds, and prints what the script prints and each
 * context's start-up and run time.
 *
 * <pre>ATOMICINT_JAVA_OPTS=-Dpkg=target/classes/dev/atomicint/python/lib \
 *     bin/atomicint-java benchmarks/python/EngineSharing.java ROUNDS fs SCRIPT [ARGS...]</pre>
 *
 * {@code fs}: a fresh engine, then a shared-engine context, each round ({@code f} or {@code s} alone
 * runs one kind). docs/launcher.md's figures ran benchmarks/python/shared_engine_faces.py 8 (and, on
 * 2026-12-03, chunk_rates.py 10).
 */
public final class EngineSharing {
    static Context.Builder launcherLike(Context.Builder b, String script, String[] argv) {
        return b.allowAllAccess(true).allowExperimentalOptions(true)
                .out(new FileOutputStream(FileDescriptor.out)).err(new FileOutputStream(FileDescriptor.err))
                .option("python.PythonPath", System.getProperty("pkg"))
                .option("python.ForceImportSite", "true")
                .option("python.AlwaysRunExcepthook", "true")
                .option("python.RunViaLauncher", "true")
                .option("python.InputFilePath", script)
                .option("python.Executable", java.nio.file.Path.of("bin/atomicint-python").toAbsolutePath().toString())
                .option("python.WarnExperimentalFeatures", "false")
                .option("python.CheckHashPycsMode", "default")
                .arguments("python", argv);
    }
    public static void main(String[] a) throws Exception {
        int runs = Integer.parseInt(a[0]);
        String mode = a[1];
        String script = a[2];
        String[] argv = Arrays.copyOfRange(a, 2, a.length);
        Engine shared = Engine.newBuilder("python").allowExperimentalOptions(true).option("engine.WarnInterpreterOnly", "false").build();
        Source run = Source.newBuilder("python", "__graalpython__.run_path()", "<internal>").internal(true).build();
        for (int i = 0; i < runs; i++) {
            for (char m : mode.toCharArray()) {
                long t0 = System.nanoTime();
                Context.Builder b = Context.newBuilder("python");
                if (m == 's') b.engine(shared); else b.option("engine.WarnInterpreterOnly", "false");
                System.out.print(m == 's' ? "shared " : "fresh  ");
                System.out.flush();
                try (Context c = launcherLike(b, script, argv).build()) {
                    c.eval("python", "import sys");
                    long t1 = System.nanoTime();
                    try { c.eval(run); } catch (PolyglotException e) { if (!e.isExit()) throw e; }
                    long t2 = System.nanoTime();
                    System.out.printf("   run %d: init %.0f ms, script %.0f ms%n", i, (t1-t0)/1e6, (t2-t1)/1e6);
                }
            }
        }
    }
}

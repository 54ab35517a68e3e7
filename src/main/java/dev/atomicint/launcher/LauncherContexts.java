package dev.atomicint.launcher;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.graalvm.polyglot.Context;

/**
 * Contexts as GraalPy's own launcher ({@code GraalPythonMain}) builds them for {@code python SCRIPT},
 * {@code -c} and {@code -m} with no interpreter options: the same options (those the launcher takes
 * from {@code PYTHON*} variables taken from this process's environment: the start-up variables
 * bin/atomicint-client.py lets through, see {@link #startsAsThis}),
 * full host access, the process's standard descriptors, and atomicint's package on the path as
 * {@code bin/atomicint-python} puts it there. Each context has its own engine: contexts of
 * one shared engine run atomicint's {@code +=} several times slower (docs/launcher.md, "Resident
 * server"), while a new engine in a warm JVM reuses everything HotSpot has compiled.
 */
final class LauncherContexts {

    private final String executable;
    private final String packagePath;
    private final String logFile;
    private final Map<String, String> startup = startupVariables(System.getenv());

    /** Contexts whose {@code sys.executable} is {@code executable}, with {@code packagePath} on the path, logging to {@code logFile}. */
    LauncherContexts(String executable, String packagePath, String logFile) {
        this.executable = executable;
        this.packagePath = packagePath;
        this.logFile = logFile;
    }

    String executable() {
        return executable;
    }

    /**
     * Whether {@code path} names this server's executable, spelt any way (another directory's
     * relative path, a link): the contexts are the same, and each run gets its own spelling as
     * {@code sys.executable} (served_main.py).
     */
    boolean isExecutable(String path) {
        return realPath(path).equals(realPath(executable));
    }

    private static Path realPath(String path) {
        try {
            return Path.of(path).toRealPath();
        } catch (IOException e) {
            return Path.of(path).toAbsolutePath().normalize(); // gone or unreadable: compared as spelt
        }
    }

    /** The start-up variables in {@code env} that are set (non-empty), sorted: a run is served only with this process's. */
    static Map<String, String> startupVariables(Map<String, String> env) {
        Map<String, String> set = new TreeMap<>();
        env.forEach((name, value) -> {
            if ((name.startsWith("PYTHON") || name.equals("GRAAL_PYTHONHOME")) && !value.isEmpty()) {
                set.put(name, value);
            }
        });
        return set;
    }

    /** Whether a caller with environment {@code env} starts Python as this process's contexts do. */
    boolean startsAsThis(Map<String, String> env) {
        return startupVariables(env).equals(startup);
    }

    /** A context initialised up to its first line of user code (site imported). */
    Context newContext() {
        Context.Builder builder = Context.newBuilder("python")
                .allowAllAccess(true)
                .allowExperimentalOptions(true)
                .option("engine.WarnInterpreterOnly", "false")
                .option("log.file", logFile) // GraalPy's own warnings: never on a caller's stderr
                // Not System.out/err: PrintStreams swallow errors (as in GraalPythonMain). Never closed
                // with a context: closing them would close this process's descriptors 0-2 for good.
                .in(new FilterInputStream(new FileInputStream(FileDescriptor.in)) {
                    @Override
                    public void close() {}
                })
                .out(new KeptOpen(new FileOutputStream(FileDescriptor.out)))
                .err(new KeptOpen(new FileOutputStream(FileDescriptor.err)))
                .option("python.PosixModuleBackend", "native") // as in GraalPy's launcher: the process's descriptors
                .option("python.PythonPath", startup.containsKey("PYTHONPATH") ? startup.get("PYTHONPATH") : packagePath)
                .option("python.Executable", executable)
                .option("python.ForceImportSite", "true")
                // As GraalPy's launcher: SIGINT raises KeyboardInterrupt in the context's main thread
                // (the thread that initialised it, see RunThread).
                .option("python.InstallSignalHandlers", "true")
                .option("python.AlwaysRunExcepthook", "true")
                .option("python.RunViaLauncher", "true")
                .option("python.WarnExperimentalFeatures", "false")
                .option("python.TerminalIsInteractive", "false")
                .option("python.CheckHashPycsMode", "default")
                .option("python.UnbufferedIO", Boolean.toString(startup.containsKey("PYTHONUNBUFFERED")))
                .option("python.DontWriteBytecodeFlag", Boolean.toString(startup.containsKey("PYTHONDONTWRITEBYTECODE")))
                .option("python.NoUserSiteFlag", Boolean.toString(startup.containsKey("PYTHONNOUSERSITE")))
                .option("python.SafePathFlag", Boolean.toString(startup.containsKey("PYTHONSAFEPATH")))
                .option("python.WarnOptions", startup.getOrDefault("PYTHONWARNINGS", ""));
        if (startup.containsKey("PYTHONHASHSEED")) {
            builder.option("python.HashSeed", startup.get("PYTHONHASHSEED"));
        }
        if (startup.containsKey("PYTHONIOENCODING")) {
            builder.option("python.StandardStreamEncoding", startup.get("PYTHONIOENCODING"));
        }
        Context context = builder.build();
        context.initialize("python"); // binds no name in __main__, unlike evaluating an import
        return context;
    }

    /** A stream a context may close: it only flushes. */
    private static final class KeptOpen extends FilterOutputStream {
        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

package dev.atomicint.launcher;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * The {@code pyvenv.cfg} that makes {@code calledAs} a virtual environment's {@code python}, or
     * null: beside it or one directory up, where GraalPy's launcher looks (as PEP 405 says).
     */
    static Path venvConfig(String calledAs) {
        Path bin = Path.of(calledAs).toAbsolutePath().getParent();
        if (bin == null) {
            return null;
        }
        for (Path dir : bin.getParent() == null ? List.of(bin) : List.of(bin, bin.getParent())) {
            if (Files.isRegularFile(dir.resolve("pyvenv.cfg"))) {
                return dir.resolve("pyvenv.cfg");
            }
        }
        return null;
    }

    /** A context initialised up to its first line of user code (site imported). */
    Context newContext() {
        return initialised(builder(executable).build());
    }

    /**
     * A context for a run called as {@code calledAs}, a virtual environment's {@code python} with
     * {@code venvConfig} (see {@link #venvConfig}): the options GraalPy's launcher takes from that
     * file (its {@code home}, {@code base-prefix}, {@code base-executable} and
     * {@code venvlauncher_command} keys), and {@code calledAs} as {@code sys.executable}, from which
     * {@code site} finds the environment's prefix and its site-packages, as in a direct run.
     */
    Context newVenvContext(String calledAs, Path venvConfig) throws IOException {
        Path called = Path.of(calledAs).toAbsolutePath();
        Context.Builder builder = builder(called.toString());
        if (startup.containsKey("GRAAL_PYTHONHOME")) {
            return initialised(builder.build()); // the launcher reads no pyvenv.cfg then: the home is set
        }
        for (String line : Files.readAllLines(venvConfig, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).trim();
            String value = eq < 0 ? "" : line.substring(eq + 1).trim();
            switch (key) {
                case "home" -> {
                    // GraalPy's launcher: home (less a last "bin") is the Python home; then the base
                    // executable is the executable's real path if it is a link, else home/ITS-NAME,
                    // and if that exists the home is two levels above it.
                    Path home = Path.of(value);
                    builder.option("python.PythonHome", (home.endsWith("bin") && home.getParent() != null ? home.getParent() : home).toString());
                    Path real = called.toRealPath();
                    Path base = real.equals(called) ? home.resolve(called.getFileName()) : real;
                    if (Files.exists(base)) {
                        builder.option("python.BaseExecutable", base.toString());
                        if (base.getParent() != null && base.getParent().getParent() != null) {
                            builder.option("python.PythonHome", base.getParent().getParent().toString());
                        }
                    }
                }
                case "venvlauncher_command" -> builder.option("python.VenvlauncherCommand", value);
                case "base-prefix" -> builder.option("python.SysBasePrefix", value);
                case "base-executable" -> builder.option("python.BaseExecutable", value);
                default -> { } // include-system-site-packages and the rest: site reads them
            }
        }
        return initialised(builder.build());
    }

    private static Context initialised(Context context) {
        context.initialize("python"); // binds no name in __main__, unlike evaluating an import
        return context;
    }

    private Context.Builder builder(String sysExecutable) {
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
                .option("python.Executable", sysExecutable)
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
        return builder;
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

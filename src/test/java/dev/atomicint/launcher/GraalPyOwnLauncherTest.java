package dev.atomicint.launcher;

import static dev.atomicint.launcher.LauncherRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wheel in GraalPy's own launcher, without anything of this project's set-up: GraalPy's
 * {@code GraalPythonMain} on the stock JDK running the tests, with GraalPy's jars (as Maven resolves
 * them) on the module path and no atomicint class on the class path. A clean venv of that launcher
 * installs the build's wheel offline, and {@code from atomicint import AtomicInt} is then the Java
 * backend: the package adds the jar the wheel carries to the class path at import. One venv for all
 * the tests: making it (with pip) takes minutes.
 */
class GraalPyOwnLauncherTest {

    @TempDir
    static Path dir;

    private static Path venv;
    private static LauncherRun install;

    /** The launcher script: what GraalPy's JVM standalone runs, on a stock JDK (no Graal JIT, no atomicint). */
    private static Path graalPyLauncher() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String modules = Path.of("target", "graal", "modules").toAbsolutePath().toString();
        String unsafe = Runtime.version().feature() >= 24 ? " --sun-misc-unsafe-memory-access=allow" : "";
        Path script = dir.resolve("graalpy-jvm/bin/graalpy");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' --module-path='" + modules + "' --add-modules=ALL-MODULE-PATH"
                + " --enable-native-access=org.graalvm.truffle,ALL-UNNAMED" + unsafe + " -Dpolyglot.engine.WarnInterpreterOnly=false"
                + " \"-Dorg.graalvm.launcher.executablename=$0\" -m org.graalvm.py.launcher/com.oracle.graal.python.shell.GraalPythonMain \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @BeforeAll
    static void installTheWheelIntoACleanVenvOfGraalPysLauncher() throws Exception {
        venv = dir.resolve("venv");
        LauncherRun made = run(List.of(graalPyLauncher().toString(), "-m", "venv", venv.toString()), "", Map.of(), dir, 1200);
        assertEquals(0, made.exit(), made.out() + made.err());
        // Offline as python/README.md says: GraalPy's pip reads its bundled patch list, not GitHub's.
        install = run(List.of(venv.resolve("bin/pip").toString(), "install", "--no-index", BuiltWheel.path().toString()),
                "", Map.of("PIP_GRAALPY_PATCHES_URL", "disabled"), dir, 900);
    }

    @Test
    void pipInstallsTheWheelOffline() {
        assertEquals(0, install.exit(), install.out() + install.err());
        assertTrue(install.out().contains("Successfully installed atomicint-"), install.out());
        assertFalse((install.out() + install.err()).contains("Retrying"), install.out() + install.err());
    }

    @Test
    void theInstalledPackageRunsTheJavaBackend() throws Exception {
        String code = "import atomicint, java\nfrom atomicint import AtomicInt\nn = AtomicInt(41)\nn += 1\n"
                + "print(atomicint.BACKEND, atomicint.__file__.startswith(__import__('sys').prefix), int(n),\n"
                + "      java.instanceof(n, java.type('dev.atomicint.AtomicInt')), type(n).__module__, type(n).__name__)";
        LauncherRun run = python(List.of("-c", code));
        assertEquals(0, run.exit(), run.err());
        assertEquals("java-host True 42 True atomicint AtomicInt\n", run.out());
    }

    /** A plain Java thread (a class loaded beside the wheel's jar) and Python's `+=` count on one AtomicInt, exactly. */
    @Test
    void aJavaThreadAndPythonCountExactlyOnOneAtomicInt() throws Exception {
        Path source = Files.createDirectories(dir.resolve("counter-src")).resolve("JavaCounter.java");
        Files.writeString(source, """
                public final class JavaCounter {
                    public static Thread start(dev.atomicint.AtomicInt n, int times) {
                        Thread thread = new Thread(() -> { for (int i = 0; i < times; i++) n.incrementAndGet(); });
                        thread.start();
                        return thread;
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("counter-classes"));
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-cp", Path.of("target", "classes").toAbsolutePath().toString(), "-d", classes.toString(), source.toString());
        assertEquals(0, compiled);
        String code = """
                import sys, java, atomicint
                from atomicint import AtomicInt
                n = AtomicInt()
                java.add_to_classpath(sys.argv[1])
                thread = java.type("JavaCounter").start(n, 200000)
                for _ in range(200000):
                    n += 1
                thread.join()
                print(atomicint.BACKEND, n)
                """;
        LauncherRun run = python(List.of("-c", code, classes.toString()));
        assertEquals(0, run.exit(), run.err());
        assertEquals("java-host 400000\n", run.out());
    }

    private static LauncherRun python(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(venv.resolve("bin/python").toString());
        command.addAll(arguments);
        return run(command, "", Map.of(), dir, 600);
    }
}

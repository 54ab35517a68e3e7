package dev.atomicint.launcher;

import static dev.atomicint.launcher.LauncherRun.FIRST_USE_SECONDS;
import static dev.atomicint.launcher.LauncherRun.PYTHON;
import static dev.atomicint.launcher.LauncherRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.store.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code bin/atomicint-python} behaves as the {@code python} command, with atomicint importable: each
 * test runs it as a user would, in a process of its own. The first one also builds the fast-start
 * layout when the clone has none yet (build on first use). Each case the resident server serves runs
 * twice: directly and served.
 */
class LauncherTest {

    private static final String USES_ATOMICINT = "from atomicint import AtomicInt\nn = AtomicInt(41)\nn += 1\nprint(int(n))";

    @TempDir
    Path dir;

    /** How a case runs: directly (a new JVM), or through the resident server (docs/launcher.md, "Resident server"). */
    enum Way { DIRECT, SERVED }

    private static LauncherServer server;

    /** Builds on first use, so that no single test below carries the build's minutes; then starts a server. */
    @BeforeAll
    static void buildOnFirstUse() throws Exception {
        LauncherRun run = run(List.of(PYTHON.toString(), "-c", "pass"), "", Map.of(), Path.of("."), FIRST_USE_SECONDS);
        assertEquals(0, run.exit(), run.err());
        server = LauncherServer.shared();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void scriptRunsAsMainWithItsArguments(Way way) throws Exception {
        Path script = Files.writeString(dir.resolve("script.py"), "import sys\nprint(__name__, sys.argv[1:])\n" + USES_ATOMICINT);
        LauncherRun run = python(way, List.of(script.toString(), "a", "b"), "");
        assertEquals(0, run.exit(), run.err());
        assertEquals("__main__ ['a', 'b']\n42\n", run.out());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aScriptSharingAnAtomicIntOnRedisWritesNothingToStandardError(Way way) throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            LauncherRun run = python(way, List.of("-c", "import atomicint\nwith atomicint.connect('" + redis.url() + "') as store:\n"
                    + "    n = store.atomic_int('launcher')\n    n += 2\n    print(n)"), "");
            assertEquals(0, run.exit(), run.err());
            assertEquals("2\n", run.out());
            assertEquals("", run.err()); // no logging notice from the Redis client's SLF4J
        }
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void dashCRunsCodeWithArgvLikePython(Way way) throws Exception {
        LauncherRun run = python(way, List.of("-c", "import sys; print(sys.argv)", "x"), "");
        assertEquals("['-c', 'x']\n", run.out());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void dashMRunsAModuleAsMain(Way way) throws Exception {
        Files.writeString(dir.resolve("tool.py"), "import sys\nif __name__ == '__main__':\n    print('tool', sys.argv[1:])\n");
        LauncherRun run = python(way, List.of("-m", "tool", "y"), "");
        assertEquals(0, run.exit(), run.err());
        assertEquals("tool ['y']\n", run.out());
    }

    @Test
    void dashReadsTheProgramFromStandardInput() throws Exception {
        LauncherRun run = python(List.of("-"), USES_ATOMICINT + "\n");
        assertEquals(0, run.exit(), run.err());
        assertEquals("42\n", run.out());
    }

    @Test
    void noArgumentsOnATerminalOpensTheRepl() throws Exception {
        // `script` gives the launcher a terminal, as a user's shell would.
        LauncherRun run = run(List.of("script", "-qec", PYTHON.toString(), "/dev/null"), USES_ATOMICINT + "\nexit()\n", Map.of(), dir, 180);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Type \"help\", \"copyright\""), run.out()); // the interactive banner
        assertTrue(run.out().contains("42"), run.out());
    }

    @Test
    void dashIInspectsInteractivelyAfterTheProgram() throws Exception {
        LauncherRun run = python(List.of("-i", "-c", "x = 41"), "print(x + 1)\n");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("42"), run.out());
    }

    @Test
    void dashUMakesTheStandardStreamsUnbuffered() throws Exception {
        LauncherRun run = python(List.of("-u", "-c", "import sys; print(type(sys.stdout.buffer).__name__)"), "");
        assertEquals("FileIO\n", run.out());
    }

    @Test
    void dashWSetsTheWarningFilter() throws Exception {
        LauncherRun run = python(List.of("-W", "error", "-c", "import warnings; warnings.warn('careful')"), "");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("UserWarning: careful"), run.err());
    }

    @Test
    void dashXPassesImplementationOptions() throws Exception {
        LauncherRun run = python(List.of("-X", "warn_default_encoding", "-c", "import sys; print(sys.flags.warn_default_encoding)"), "");
        assertEquals("1\n", run.out());
    }

    @Test
    void pythonPathFromTheEnvironmentIsSearchedBesideAtomicint() throws Exception {
        Files.writeString(dir.resolve("extra_module.py"), "VALUE = 'found'\n");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        LauncherRun run = run(List.of(PYTHON.toString(), "-c", "import extra_module, atomicint; print(extra_module.VALUE)"), "",
                Map.of("PYTHONPATH", dir.toString()), elsewhere, 180);
        assertEquals(0, run.exit(), run.err());
        assertEquals("found\n", run.out());
    }

    @Test
    void dashEIgnoresPythonPathYetAtomicintStaysImportable() throws Exception {
        Files.writeString(dir.resolve("extra_module.py"), "VALUE = 'found'\n");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        String code = "import importlib.util, sys\nprint(sys.flags.ignore_environment, importlib.util.find_spec('extra_module'))\n" + USES_ATOMICINT;
        LauncherRun run = run(List.of(PYTHON.toString(), "-E", "-c", code), "", Map.of("PYTHONPATH", dir.toString()), elsewhere, 180);
        assertEquals(0, run.exit(), run.err());
        assertEquals("1 None\n42\n", run.out());
    }

    @Test
    void dashIsolatedKeepsTheWorkingDirectoryOffThePathYetAtomicintStaysImportable() throws Exception {
        Files.writeString(dir.resolve("local_module.py"), "VALUE = 'found'\n");
        String code = "import importlib.util, sys\nprint(sys.flags.isolated, importlib.util.find_spec('local_module'))\n" + USES_ATOMICINT;
        LauncherRun run = python(List.of("-I", "-c", code), "");
        assertEquals(0, run.exit(), run.err());
        assertEquals("1 None\n42\n", run.out());
    }

    @Test
    void dashSSkipsSiteYetAtomicintStaysImportable() throws Exception {
        LauncherRun run = python(List.of("-S", "-c", "import sys\nprint('site' in sys.modules)\n" + USES_ATOMICINT), "");
        assertEquals(0, run.exit(), run.err());
        assertEquals("False\n42\n", run.out());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void sysExitSetsTheExitCode(Way way) throws Exception {
        assertEquals(3, python(way, List.of("-c", "import sys; sys.exit(3)"), "").exit());
    }

    /** The launcher is a real python: the strict set-ups' guards (signals, standard streams) are not in it. */
    @ParameterizedTest
    @EnumSource(Way.class)
    void signalsAndTheStandardDescriptorsAreTheProcesss(Way way) throws Exception {
        LauncherRun run = python(way, List.of("-c", "import os, signal, time\nhandled = []\n"
                + "signal.signal(signal.SIGUSR1, lambda *a: handled.append(1))\nsignal.raise_signal(signal.SIGUSR1)\n"
                + "deadline = time.monotonic() + 10\nwhile not handled and time.monotonic() < deadline:\n    time.sleep(0.01)\n"
                + "print('handled' if handled else 'not handled', flush=True)\nos.close(1)\nos.write(2, b'fd 1 closed')"), "");
        assertEquals(0, run.exit(), run.err());
        assertEquals("handled\n", run.out());
        assertTrue(run.err().contains("fd 1 closed"), run.err());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void anUncaughtExceptionPrintsATracebackAndExitsWithOne(Way way) throws Exception {
        LauncherRun run = python(way, List.of("-c", "def f():\n    return 1 // 0\nf()"), "");
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("Traceback (most recent call last):"), run.err());
        assertTrue(run.err().contains("ZeroDivisionError"), run.err());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void sysExecutableRunsTheSamePython(Way way) throws Exception {
        String code = "import subprocess, sys\nprint(sys.executable)\n"
                + "subprocess.run([sys.executable, '-c', 'from atomicint import AtomicInt; print(AtomicInt(6) * 7)'], check=True)";
        LauncherRun run = python(way, List.of("-c", code), "");
        assertEquals(0, run.exit(), run.err());
        assertEquals(PYTHON + "\n42\n", run.out());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aVenvMadeByTheLauncherHasItsPrefixSitePackagesAndExecutableAndImportsAtomicint(Way way) throws Exception {
        Path venv = dir.resolve("venv");
        LauncherRun made = python(way, List.of("-m", "venv", "--without-pip", venv.toString()), "");
        assertEquals(0, made.exit(), made.err());
        String code = "import site, sys\n"
                + "print(sys.executable, sys._base_executable, sys.prefix, sys.exec_prefix, sys.base_prefix != sys.prefix)\n"
                + "print(site.getsitepackages(), sys.path[-1], site.ENABLE_USER_SITE)\n" + USES_ATOMICINT;
        Path python = venv.resolve("bin/python");
        LauncherRun run = python(way, python, List.of("-c", code), "");
        assertEquals(0, run.exit(), run.err());
        String sitePackages = venv + "/lib/python3.12/site-packages";
        assertEquals(python + " " + PYTHON.toRealPath() + " " + venv + " " + venv + " True\n"
                + "['" + sitePackages + "'] " + sitePackages + " False\n42\n", run.out());
    }

    private LauncherRun python(List<String> arguments, String input) throws Exception {
        return python(Way.DIRECT, arguments, input);
    }

    private LauncherRun python(Way way, List<String> arguments, String input) throws Exception {
        return python(way, PYTHON, arguments, input);
    }

    /** Runs {@code executable} (the launcher, or a link to it) {@code way}; a served run must have been served (not run directly). */
    private LauncherRun python(Way way, Path executable, List<String> arguments, String input) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        if (way == Way.DIRECT) {
            return run(command, input, Map.of(), dir, 180);
        }
        long before = server.served();
        LauncherRun run = run(command, input, server.env(), dir, 180);
        assertEquals(before + 1, server.served(), "the server should have served " + arguments + ": " + run);
        return run;
    }
}

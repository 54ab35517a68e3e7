package dev.atomicint.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/atomicint-python through its resident server (docs/launcher.md, "Resident server"): a run
 * the server serves behaves as a direct run (streams, status, directory, environment, arguments,
 * signals), and a run the server cannot finish fails clearly. The server is the test JVM's own
 * ({@link LauncherServer#shared}), in a private runtime directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServedLauncherTest {

    private static final int RUN_SECONDS = 300;

    @TempDir
    static Path workDir;

    private static LauncherRun python(String input, Path dir, Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(LauncherRun.PYTHON.toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>(server.env());
        env.putAll(extraEnv);
        return LauncherRun.run(command, input, env, dir, RUN_SECONDS);
    }

    private static LauncherRun python(String... args) throws Exception {
        return python("", workDir, Map.of(), args);
    }

    private static LauncherServer server;

    private static Map<String, String> env() {
        return server.env();
    }

    private static long[] status() throws Exception {
        return server.status();
    }

    private static void awaitServer(boolean up) throws Exception {
        server.await(up);
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = LauncherServer.shared(); // if none is up: the first run is direct, and starts one once it ends
    }

    /** Runs {@code args}, checking that the server (not a direct run) ran it. */
    private static LauncherRun served(String input, Path dir, Map<String, String> extraEnv, String... args) throws Exception {
        long before = status()[1];
        LauncherRun run = python(input, dir, extraEnv, args);
        assertEquals(before + 1, status()[1], "the server should have served this run: " + run);
        return run;
    }

    @Test
    @Order(1)
    void aServedRunWritesToTheCallersStreamsAndEndsWithItsStatus() throws Exception {
        LauncherRun run = served("", workDir, Map.of(), "-c", "import sys; print('out'); print('err', file=sys.stderr); sys.exit(3)");
        assertEquals(3, run.exit());
        assertEquals("out\n", run.out());
        assertEquals("err\n", run.err());
    }

    @Test
    @Order(2)
    void anUncaughtExceptionPrintsTheUsersTracebackAndExitsWith1() throws Exception {
        LauncherRun run = served("", workDir, Map.of(), "-c", "1/0");
        assertEquals(1, run.exit());
        assertTrue(run.err().strip().endsWith("ZeroDivisionError: division by zero"), run.err());
        assertFalse(run.err().contains("served"), "no frame of the server's own code: " + run.err());
    }

    @Test
    @Order(2)
    void theMainModuleHoldsOnlyWhatTheUsersCodeDefines() throws Exception {
        LauncherRun run = served("", workDir, Map.of(), "-c", "x = 1; print(sorted(k for k in globals() if not k.startswith('__')))");
        assertEquals("['x']\n", run.out(), run.err());
    }

    @Test
    @Order(3)
    void anotherSpellingOfTheExecutableIsServedAndRunsWithItAsSysExecutable() throws Exception {
        String spelt = LauncherRun.PYTHON.getParent().resolve("../bin").resolve(LauncherRun.PYTHON.getFileName()).toString();
        long before = status()[1];
        LauncherRun run = LauncherRun.run(List.of(spelt, "-c", "import sys; print(sys.executable, sys.orig_argv[0])"),
                "", env(), workDir, RUN_SECONDS);
        assertEquals(spelt + " " + spelt + "\n", run.out(), run.err());
        assertEquals(before + 1, status()[1], "the server of the executable's real path should have served it");
    }

    @Test
    @Order(3)
    void aScriptSeesTheCallersDirectoryEnvironmentArgumentsAndStdin() throws Exception {
        Path dir = Files.createDirectories(workDir.resolve("caller dir"));
        Path script = Files.writeString(dir.resolve("probe.py"), """
                import os, sys
                print(os.getcwd())
                print(os.environ["ATOMICINT_PROBE"])
                print(sys.argv)
                print(__file__, sys.path[0])
                print(sys.stdin.read().upper())
                """);
        LauncherRun run = served("piped in", dir, Map.of("ATOMICINT_PROBE", "from the caller"), script.toString(), "a", "b c");
        assertEquals(0, run.exit(), run.err());
        assertEquals(dir + "\nfrom the caller\n['" + script + "', 'a', 'b c']\n" + script + " " + dir + "\nPIPED IN\n", run.out());
    }

    @Test
    @Order(4)
    void theStressDemoCountsExactlyWhenServed() throws Exception {
        LauncherRun run = served("", Path.of("").toAbsolutePath(), Map.of(), "demos/stress.py", "50", "10000", "y");
        assertEquals(0, run.exit(), run.err());
        assertEquals("atomic\n500000\n", run.out());
    }

    /**
     * The Python suite (python/tests) through the served launcher, on the launcher's own atomicint
     * (imported first, so that python/, put on the path for the tests package, does not supply it).
     */
    @Test
    @Order(4)
    void thePythonSuitePassesWhenServed() throws Exception {
        Path python = Path.of("python").toAbsolutePath();
        LauncherRun run = served("", workDir, Map.of(), "-c", """
                import atomicint, sys, unittest
                python = sys.argv[1]
                sys.path.append(python)
                unittest.main(module=None, argv=["unittest", "discover", "-s", python + "/tests", "-t", python])
                """, python.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().lines().anyMatch(line -> line.startsWith("OK")), run.err());
        Matcher ran = Pattern.compile("Ran (\\d+) tests").matcher(run.err());
        assertTrue(ran.find() && Integer.parseInt(ran.group(1)) >= 200, "the whole suite should have run: " + run.err());
    }

    @Test
    @Order(5)
    void aModuleRunsAsWithDashM() throws Exception {
        LauncherRun run = served("{\"a\": [1, 2]}", workDir, Map.of(), "-m", "json.tool", "--compact");
        assertEquals(0, run.exit(), run.err());
        assertEquals("{\"a\":[1,2]}\n", run.out());
    }

    @Test
    @Order(5)
    void osExitEndsTheRunWithItsStatusRunningNoFinallyNorAtexitAndTheServerServesOn() throws Exception {
        long pid = status()[0];
        LauncherRun run = served("", workDir, Map.of(), "-c", """
                import atexit, os
                atexit.register(print, "atexit ran", flush=True)
                try:
                    print("before", flush=True)
                    os._exit(7)
                finally:
                    print("finally ran", flush=True)
                """);
        assertEquals(7, run.exit(), run.err());
        assertEquals("before\n", run.out(), run.err());
        assertEquals(pid, status()[0], "os._exit ended the server");
        assertEquals(0, served("", workDir, Map.of(), "-c", "pass").exit(), "the server serves the next run");
    }

    @Test
    @Order(5)
    void osExitFromAnotherThreadEndsTheWholeRun() throws Exception {
        LauncherRun run = served("", workDir, Map.of(), "-c", """
                import os, threading, time
                threading.Thread(target=os._exit, args=(5,)).start()
                time.sleep(240)
                print("main went on")
                """);
        assertEquals(5, run.exit(), run.err());
        assertEquals("", run.out(), run.err());
    }

    @Test
    @Order(5)
    void osExitRefusesWhatCPythonRefuses() throws Exception {
        LauncherRun run = served("", workDir, Map.of(), "-c", """
                import os
                for status in ("3", 2**31, -2**31 - 1):
                    try:
                        os._exit(status)
                    except (TypeError, OverflowError) as error:
                        print(type(error).__name__, flush=True)
                os._exit(256 + 4)
                """);
        assertEquals(4, run.exit(), run.err());
        assertEquals("TypeError\nOverflowError\nOverflowError\n", run.out(), run.err());
    }

    @Test
    @Order(6)
    void sigtermOfTheClientCancelsTheRunAndTheClientDiesByIt() throws Exception {
        Process client = startSleeper();
        client.destroy(); // SIGTERM
        assertTrue(client.waitFor(120, TimeUnit.SECONDS), "the client did not end");
        assertEquals(128 + 15, client.exitValue());
        assertEquals(0, served("", workDir, Map.of(), "-c", "pass").exit(), "the server serves the next run");
    }

    @Test
    @Order(7)
    void ctrlCRaisesKeyboardInterruptAndOneNotCaughtKillsTheClientBySigint() throws Exception {
        long before = status()[1];
        CtrlC script = CtrlC.press("script", env(), workDir);
        assertEquals(before + 1, status()[1], "the server should have served this run: " + script.transcript());
        assertEquals("-2", script.status(), script.transcript());
        assertTrue(script.tracebackAfterTheCatch(), script.transcript());
        assertEquals(0, served("", workDir, Map.of(), "-c", "pass").exit(), "the server serves the next run");
    }

    @Test
    @Order(8)
    void aServerWhoseRunLeftSigintIgnoredRetiresAndTheNextServerGivesKeyboardInterrupt() throws Exception {
        assertTrue(status() != null);
        LauncherRun ignoring = python("-c", "import signal; signal.signal(signal.SIGINT, signal.SIG_IGN)");
        assertEquals(0, ignoring.exit(), ignoring.err());
        awaitServer(false); // HotSpot would never again let this server handle SIGINT
        LauncherRun next = python("-c", "print('next')"); // direct (its SIGINT is this JVM's: ignored, if started by `cmd &`)
        assertEquals("next\n", next.out(), next.err());
        awaitServer(true); // that direct run started another
        long before = status()[1];
        CtrlC script = CtrlC.press("script", env(), workDir);
        assertEquals(before + 1, status()[1], "the new server should have served this run: " + script.transcript());
        assertEquals("-2", script.status(), script.transcript());
    }

    @Test
    @Order(9)
    void aRunThatLoadsACExtensionIsServedAndItsServerHandsOverToAFreshOne() throws Exception {
        // GraalPy loads C extensions in one context per process, ever: the server that served such a
        // run retires after it, and the run's client starts the next one.
        long first = status()[0];
        LauncherRun one = python("-c", "import os, termios; print(os.getpid(), termios.TCSANOW)");
        assertEquals(first + " 0\n", one.out(), "served (the server's pid), with its C extension: " + one.err());
        server.awaitOtherThan(first); // a fresh process: its first context may load C extensions
    }

    @Test
    @Order(9)
    void aRunWithInterpreterOptionsRunsDirectly() throws Exception {
        long before = status()[1];
        LauncherRun run = python("-B", "-c", "import sys; print(sys.flags.dont_write_bytecode)");
        assertEquals("1\n", run.out(), run.err());
        assertEquals(before, status()[1], "-B is not served");
    }

    @Test
    @Order(10)
    void theServersHeapIsTheOneAskedForAndARunThatFillsItFailsClearlyAndTheNextWorks() throws Exception {
        LauncherRun asked = served("", workDir, Map.of(), "-c", "import java; print(java.type('java.lang.Runtime').getRuntime().maxMemory() >> 20)");
        long mib = Long.parseLong(asked.out().strip());
        assertTrue(mib <= LauncherServer.HEAP_MIB && mib > LauncherServer.HEAP_MIB / 2, "ATOMICINT_SERVER_HEAP gave a heap of " + mib + " MiB");
        LauncherRun hog = python("-c", "blocks = []\nwhile True:\n    blocks.append(bytearray(1 << 20))");
        assertNotEquals(0, hog.exit());
        // A MemoryError, the server's word that it ran out, or (when the heap is too full even for
        // that) the client's word that the server ended the run without a status: never a hang or a 0.
        assertTrue(hog.err().contains("MemoryError") || hog.err().contains("ran out of memory")
                || hog.err().contains("without an exit status"), hog.err());
        LauncherRun next = python("-c", "print('next')");
        assertEquals("next\n", next.out(), next.err()); // served by a server that recovered, or its successor, or run directly
        server.awaitSuccessor(); // either way a server is up again (the next run starts one if the successor died)
    }

    @Test
    @Order(11)
    void aServerKilledMidRunMakesTheClientFailClearly() throws Exception {
        long pid = status()[0];
        Process client = startSleeper();
        assertEquals(0, new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor());
        assertTrue(client.waitFor(120, TimeUnit.SECONDS), "the client hung after its server died");
        assertNotEquals(0, client.exitValue());
        String err = new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(err.contains("without an exit status"), err);
        assertEquals("after\n", python("-c", "print('after')").out(), "the next run works (directly)");
    }

    @Test
    @Order(12)
    void aSocketNoServerAnswersOnOrAFileInItsPlaceMakesTheRunGoDirect() throws Exception {
        server.awaitSuccessor(); // the one the direct run after the killed server started
        Path socket;
        try (var sockets = Files.list(server.socketDirectory())) {
            socket = sockets.filter(p -> p.toString().endsWith(".sock")).findFirst().orElseThrow();
        }
        server.stop();
        awaitServer(false);
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket)); // accepts connections (its backlog), never answers
            LauncherRun run = python("-c", "print('direct')");
            assertEquals(0, run.exit(), run.err());
            assertEquals("direct\n", run.out());
        }
        Files.deleteIfExists(socket);
        Files.writeString(socket, "not a socket");
        LauncherRun run = python("-c", "print('direct')");
        assertEquals(0, run.exit(), run.err());
        assertEquals("direct\n", run.out());
        awaitServer(true); // and a server started after it, in the file's place
    }

    @Test
    @Order(13)
    void aServerFirstStartedFromADirectorySinceDeletedServesRunAfterRun() throws Exception {
        server.stop();
        awaitServer(false);
        Path gone = Files.createTempDirectory(workDir, "gone");
        assertEquals(0, python("", gone, Map.of(), "-c", "pass").exit()); // direct; starts a server from here
        awaitServer(true);
        Files.delete(gone);
        for (int run = 0; run < 2; run++) {
            LauncherRun served = served("", workDir, Map.of(), "-c", "print('served')");
            assertEquals("served\n", served.out(), served.err());
        }
    }

    @Test
    @Order(14)
    void aStartWhoseProcessDiedBeforeListeningHoldsUpNoLaterStart() throws Exception {
        server.stop();
        awaitServer(false);
        Path log;
        try (var files = Files.list(server.socketDirectory())) {
            log = files.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
        }
        Process died = new ProcessBuilder("true").start();
        died.waitFor();
        String name = log.getFileName().toString();
        Files.writeString(log.resolveSibling(name.substring(0, name.length() - ".log".length()) + ".sock.starting"), died.pid() + "\n");
        ProcessBuilder start = new ProcessBuilder(LauncherRun.PYTHON.toString(), "--server-start") // what a run that found no server starts
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        start.environment().putAll(env());
        start.start();
        awaitServer(true); // the marker's process is gone: this start goes ahead
    }

    /** A served client whose run has started and now sleeps for two minutes. */
    private static Process startSleeper() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(LauncherRun.PYTHON.toString(), "-c",
                "import sys, time\nprint('started', flush=True)\ntime.sleep(120)").directory(workDir.toFile());
        builder.environment().remove("PYTHONPATH");
        builder.environment().putAll(env());
        Process client = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("started", out.readLine());
        return client;
    }
}

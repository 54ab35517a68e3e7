package dev.atomicint.launcher;

import static dev.atomicint.launcher.LauncherRun.FIRST_USE_SECONDS;
import static dev.atomicint.launcher.LauncherRun.PYTHON;
import static dev.atomicint.launcher.LauncherRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pip in a venv made by {@code bin/atomicint-python}: {@code pip install --no-index} of the build's
 * wheel stays offline (GraalPy's pip would otherwise fetch its patch list from GitHub, with retries),
 * and the atomicint imported there, the launcher's own build, is the very wheel installed (the rule
 * docs/launcher.md states). One venv with pip for all the tests: making it takes minutes. Each
 * command runs as a user's runs after the first do, with the resident server up: {@code -m venv} and
 * pip are served (pip loads a C extension, so its server hands over to a fresh one), the runs they
 * start themselves while the server is busy run directly.
 */
class LauncherVenvPipTest {

    @TempDir
    static Path dir;

    private static Path venv;
    private static LauncherRun install;

    private static LauncherServer server;

    @BeforeAll
    static void installTheWheelOfflineIntoALauncherVenv() throws Exception {
        server = LauncherServer.shared();
        venv = dir.resolve("venv");
        LauncherRun made = run(List.of(PYTHON.toString(), "-m", "venv", venv.toString()), "", server.env(), dir, FIRST_USE_SECONDS);
        assertEquals(0, made.exit(), made.err());
        install = run(List.of(venv.resolve("bin/pip").toString(), "install", "--no-index", BuiltWheel.path().toString()),
                "", server.env(), dir, 900);
    }

    @Test
    void pipInstallsTheWheelWithNoIndexWithoutTouchingTheNetwork() {
        assertEquals(0, install.exit(), install.out() + install.err());
        assertTrue(install.out().contains("Successfully installed atomicint-"), install.out());
        String output = install.out() + install.err();
        assertFalse(output.contains("Retrying"), output);
        assertFalse(output.contains("patch repository"), output); // "Failed to load GraalPy patch repository"
        assertFalse(output.contains("WARNING"), output); // no warnings either
    }

    /** Every Python file the wheel installed is, byte for byte, the one imported, at the same version. */
    @Test
    void theImportedAtomicintIsTheInstalledWheelsFilesAndVersion() throws Exception {
        String code = """
                import atomicint, importlib.metadata, pathlib
                imported = pathlib.Path(atomicint.__file__).parent
                installed = [f for f in importlib.metadata.files("atomicint") if f.suffix in (".py", ".pyi")]
                differing = [str(f) for f in installed if f.read_binary() != (imported.parent / f).read_bytes()]
                print(len(installed) > 5, differing, atomicint.__version__ == importlib.metadata.version("atomicint"))
                """;
        server.await(true); // the server pip's run handed over to (pip loads a C extension)
        LauncherRun run = run(List.of(venv.resolve("bin/python").toString(), "-c", code), "", server.env(), dir, 300);
        assertEquals(0, run.exit(), run.err());
        assertEquals("True [] True\n", run.out());
    }
}

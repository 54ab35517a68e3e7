package dev.atomicint.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.launcher.BuiltWheel;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import atomicint} from the package's sources in a GraalPy context that {@link
 * AtomicIntPython} did not set up and that cannot reach atomicint's Java classes: an ImportError that
 * names what is missing and both ways to provide it, instead of GraalPy's bare {@code KeyError: 'host
 * symbol dev.atomicint.IntOp is not defined or access has been denied'}.
 */
class MissingJavaSetUpTest {

    private static final String PACKAGE_PARENT = Path.of("python").toAbsolutePath().toString();

    private static final String[] NAMED = {"Java classes", "atomicint jar", "bin/atomicint-python", "class path",
        "host class lookup", "dev.atomicint.python.AtomicIntPython", "configure", "install"};

    @Test
    void withoutHostClassLookupImportRaisesAnImportErrorNamingBothWaysToProvideTheClasses() {
        assertImportErrorNamesTheWays(Context.newBuilder("python"));
    }

    @Test
    void withTheJavaClassesOutOfReachImportRaisesAnImportErrorNamingBothWaysToProvideThem() {
        // as with the jar missing from the class path: every other class can be looked up
        assertImportErrorNamesTheWays(Context.newBuilder("python")
                .allowAllAccess(true)
                .allowHostClassLookup(className -> !className.startsWith("dev.atomicint.")));
    }

    /** The installed wheel's package, whose jar the context may not add to its class path. */
    @Test
    void withTheWheelsJarButNoHostClassLoadingImportRaisesAnImportErrorNamingTheWays(@TempDir Path installed) throws Exception {
        try (ZipFile wheel = new ZipFile(BuiltWheel.path().toFile())) {
            for (ZipEntry entry : Collections.list(wheel.entries())) {
                Path file = installed.resolve(entry.getName());
                Files.createDirectories(file.getParent());
                try (InputStream in = wheel.getInputStream(entry)) {
                    Files.copy(in, file);
                }
            }
        }
        assertTrue(Files.isRegularFile(installed.resolve("atomicint/atomicint.jar")));
        assertImportErrorNamesTheWays(Context.newBuilder("python")
                .allowHostAccess(HostAccess.ALL)
                .allowHostClassLookup(className -> !className.startsWith("dev.atomicint."))
                .allowHostClassLoading(false), installed.toString());
    }

    private static void assertImportErrorNamesTheWays(Context.Builder builder) {
        assertImportErrorNamesTheWays(builder, PACKAGE_PARENT);
    }

    private static void assertImportErrorNamesTheWays(Context.Builder builder, String packageParent) {
        try (Context python = builder.allowIO(IOAccess.ALL).build()) {
            Value error = python.eval("python", """
                    import sys
                    def import_error(package_parent):
                        sys.path.insert(0, package_parent)
                        try:
                            import atomicint
                        except ImportError as error:
                            return [type(error).__name__, str(error)]
                        return ["imported", ""]
                    import_error
                    """).execute(packageParent);
            assertEquals("ImportError", error.getArrayElement(0).asString());
            String message = error.getArrayElement(1).asString();
            for (String named : NAMED) {
                assertTrue(message.contains(named), "the message names '" + named + "': " + message);
            }
        }
    }
}

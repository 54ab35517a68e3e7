package dev.atomicint.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

/**
 * The jar's Python package and the wheel that the same build made (python/build_wheel.py, run by
 * Maven before the tests) carry one version, pom.xml's in its PEP 440 spelling.
 */
class PackageVersionTest {

    @Test
    void theJarsAtomicintVersionIsTheWheelsVersion() throws IOException {
        String wheelVersion = wheelMetadataVersion();
        try (Context python = AtomicIntPython.newContext(Context.newBuilder("python"))) {
            assertEquals(wheelVersion, python.eval("python", "import atomicint\natomicint.__version__").asString());
        }
    }

    @Test
    void theWheelIsNamedForItsVersion() throws IOException {
        assertEquals("atomicint-" + wheelMetadataVersion() + "-py3-none-any.whl", wheel().getFileName().toString());
    }

    private static String wheelMetadataVersion() throws IOException {
        try (ZipFile wheel = new ZipFile(wheel().toFile())) {
            String metadata = wheel.stream().filter(entry -> entry.getName().endsWith(".dist-info/METADATA"))
                    .findFirst().map(entry -> read(wheel, entry)).orElseThrow();
            return metadata.lines().filter(line -> line.startsWith("Version: "))
                    .findFirst().orElseThrow().substring("Version: ".length());
        }
    }

    private static Path wheel() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> wheels = files.filter(file -> file.getFileName().toString().endsWith(".whl")).toList();
            assertTrue(wheels.size() == 1, "exactly one wheel in target/: " + wheels);
            return wheels.get(0);
        }
    }

    private static String read(ZipFile zip, ZipEntry entry) {
        try {
            return new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

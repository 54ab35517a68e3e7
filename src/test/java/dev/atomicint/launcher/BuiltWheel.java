package dev.atomicint.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The wheel the build left in {@code target/} (python/build_wheel.py, at process-classes). */
public final class BuiltWheel {

    private BuiltWheel() {
    }

    /** {@code target/atomicint-<version>-py3-none-any.whl}; fails if the build made none or several. */
    public static Path path() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target").toAbsolutePath())) {
            List<Path> wheels = files.filter(file -> file.getFileName().toString().matches("atomicint-.*-py3-none-any\\.whl")).toList();
            if (wheels.size() != 1) {
                throw new AssertionError("expected one wheel in target/, found " + wheels + " (run mvn process-classes)");
            }
            return wheels.get(0);
        }
    }
}

package dev.atomicint.embedding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Maven local repository that is the user's own except for one artifact directory: every other
 * entry is a symbolic link into the real repository (so nothing is downloaded or copied again, and
 * the build works offline), while the shadowed directory starts empty. atomicint is installed there,
 * so the demo resolves this build's jar by its coordinates and no parallel build can swap it.
 */
final class ShadowRepository {

    private ShadowRepository() {}

    /** Creates {@code shadow} anew over {@code real}, with {@code path} (e.g. {@code dev/atomicint/atomicint}) empty. */
    static Path create(Path shadow, Path real, String path) throws IOException {
        deleteRecursively(shadow);
        Path shadowDir = shadow;
        Path realDir = real;
        for (String name : path.split("/")) {
            Files.createDirectories(shadowDir);
            if (Files.isDirectory(realDir)) {
                try (Stream<Path> entries = Files.list(realDir)) {
                    for (Path entry : entries.toList()) {
                        if (!entry.getFileName().toString().equals(name)) {
                            Files.createSymbolicLink(shadowDir.resolve(entry.getFileName().toString()), entry);
                        }
                    }
                }
            }
            shadowDir = shadowDir.resolve(name);
            realDir = realDir.resolve(name);
        }
        Files.createDirectories(shadowDir);
        return shadow;
    }

    /** Deletes {@code root}; symbolic links are removed, never followed. */
    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                Files.delete(p);
            }
        }
    }
}

package dev.atomicint.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Python sources of the resident server, read from this jar. */
final class LauncherResources {

    private LauncherResources() {}

    static String read(String name) {
        String resource = "dev/atomicint/launcher/" + name;
        try (InputStream in = LauncherResources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the atomicint jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}

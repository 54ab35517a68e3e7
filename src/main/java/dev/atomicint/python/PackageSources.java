package dev.atomicint.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The Python sources of the {@code atomicint} package, read from this jar: the function the
 * bootstrap's import hook calls with a path such as {@code "atomicint/_host.py"}, answering the
 * source text or {@code null}. Python never sees a file system path, so the package imports the
 * same in contexts without IO access.
 */
final class PackageSources implements ProxyExecutable {

    /** Where the build puts {@code python/atomicint} inside the jar. */
    static final String ROOT = "dev/atomicint/python/lib/";

    /** Reads one resource of this package as UTF-8 text. */
    static String read(String resource) {
        try (InputStream in = PackageSources.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the atomicint jar", e);
        }
    }

    @Override
    public Object execute(Value... arguments) {
        String path = arguments[0].asString();
        if (!path.startsWith("atomicint/") || path.contains("..") || !path.endsWith(".py")) {
            return null; // only the package's own modules are served
        }
        return read(ROOT + path);
    }
}

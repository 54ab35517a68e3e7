package dev.atomicint.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes to whatever descriptor 2 is now (a served run's caller's stderr, or the REPL's terminal). */
final class StandardError {

    private StandardError() {}

    /** Writes {@code text} at once; if descriptor 2 is gone there is no one left to tell, and nothing happens. */
    static void write(String text) {
        try {
            FileOutputStream err = new FileOutputStream(FileDescriptor.err);
            err.write(text.getBytes(StandardCharsets.UTF_8));
            err.flush();
        } catch (IOException ignored) {
            // nothing to tell it on
        }
    }
}

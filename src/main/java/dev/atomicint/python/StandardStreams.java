package dev.atomicint.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.graalvm.polyglot.Context;

/**
 * The JVM's standard streams as a strict context's stdin, stdout and stderr, which Python cannot
 * close. GraalPy gives a context's file descriptors 0, 1 and 2 the builder's streams ({@code
 * System.in/out/err} by default) and closes the stream itself on {@code os.close(1)}: measured,
 * {@code System.out} then failed for the whole JVM. Here a close ends only the context's own
 * descriptor. Each use reads {@code System.in/out/err} anew, so {@code System.setOut} redirects a
 * context's output as it does the JVM's.
 */
final class StandardStreams {

    private StandardStreams() {}

    /** Sets {@code builder}'s in, out and err to the JVM's standard streams, uncloseable. */
    static Context.Builder apply(Context.Builder builder) {
        return builder.in(new In()).out(new Out(false)).err(new Out(true));
    }

    private static final class Out extends OutputStream {
        private final boolean err;

        Out(boolean err) {
            this.err = err;
        }

        private OutputStream target() {
            return err ? System.err : System.out;
        }

        @Override
        public void write(int b) throws IOException {
            target().write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target().write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            target().flush();
        }

        /** Flushes, and leaves the JVM's stream open. */
        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static final class In extends InputStream {
        @Override
        public int read() throws IOException {
            return System.in.read();
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return System.in.read(bytes, offset, length);
        }

        @Override
        public int available() throws IOException {
            return System.in.available();
        }

        /** Leaves the JVM's stream open. */
        @Override
        public void close() {}
    }
}

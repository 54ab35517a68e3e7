package dev.atomicint.launcher;

import dev.atomicint.python.AtomicIntPython;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/**
 * {@code atomicint-python SCRIPT [ARGS...]} (also {@code -c CODE} and {@code -m MODULE}): runs Python
 * under GraalPy, in one context with full access like the {@code python} command, with
 * {@code atomicint} installed. {@code sys.argv}, standard streams, tracebacks and exit codes behave
 * as with {@code python}. {@code bin/atomicint-python} starts it with the Graal JIT enabled.
 */
public final class AtomicIntLauncher {

    private static final String USAGE = "usage: atomicint-python SCRIPT [ARGS...] | -c CODE [ARGS...] | -m MODULE [ARGS...]";

    private AtomicIntLauncher() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line {@code args}; returns the exit code. */
    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.err.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        boolean inline = args[0].equals("-c") || args[0].equals("-m");
        if (inline && args.length < 2) {
            System.err.println("atomicint-python: " + args[0] + " needs an argument\n" + USAGE);
            return 2;
        }
        String mode = inline ? args[0] : "script";
        String target = inline ? args[1] : args[0];
        if (!inline && !Files.isReadable(Path.of(target))) {
            System.err.println("atomicint-python: can't open file '" + target + "': No such file or directory");
            return 2;
        }
        String[] argv = inline ? argv(args[0], Arrays.copyOfRange(args, 2, args.length)) : args;
        try (Context context = AtomicIntPython.install(Context.newBuilder("python")
                .allowAllAccess(true)
                .arguments("python", argv)
                .build())) {
            return context.eval(runner()).execute(mode, target).asInt();
        } catch (PolyglotException e) {
            if (e.isExit()) {
                return e.getExitStatus();
            }
            throw e;
        }
    }

    private static String[] argv(String flag, String[] rest) {
        String[] argv = new String[rest.length + 1];
        argv[0] = flag;
        System.arraycopy(rest, 0, argv, 1, rest.length);
        return argv;
    }

    private static Source runner() {
        try (InputStream in = AtomicIntLauncher.class.getResourceAsStream("run_main.py")) {
            return Source.newBuilder("python", new String(in.readAllBytes(), StandardCharsets.UTF_8), "atomicint-launcher.py")
                    .internal(true)
                    .buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

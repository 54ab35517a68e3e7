package dev.atomicint.hostile;

import dev.atomicint.python.AtomicIntPython;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.graalvm.polyglot.Context;

/**
 * A child JVM's main for {@link ProcessEffectsTest}: runs {@code args[0]} (Python) in a strict
 * host-mode and a strict sandboxed context, each closed afterwards, printing each outcome; then
 * writes to the JVM's own stdout and stderr, and with {@code args[1] = "wait"} sleeps for the
 * parent's SIGTERM.
 */
public final class GuestEffects {

    /** Runs the code; evaluates to "returned" or "raised " and the exception's type. */
    private static final String ATTEMPT = """
            def attempt(code):
                try:
                    exec(code, {})
                    return "returned"
                except BaseException as error:
                    return "raised " + type(error).__name__

            attempt
            """;

    private GuestEffects() {}

    public static void main(String[] args) throws InterruptedException {
        run("host", AtomicIntPython::newContext, args[0]);
        run("sandbox", AtomicIntPython::newSandboxedContext, args[0]);
        System.out.println("stdout still open");
        System.err.println("stderr still open");
        if (args.length > 1 && args[1].equals("wait")) {
            System.out.println("waiting");
            System.out.flush();
            TimeUnit.SECONDS.sleep(60);
        }
        System.out.println("exiting");
    }

    private static void run(String mode, Function<Context.Builder, Context> setUp, String code) {
        String outcome;
        try (Context context = setUp.apply(Context.newBuilder("python"))) {
            outcome = context.eval("python", ATTEMPT).execute(code).asString();
        }
        System.out.println(mode + ": " + outcome);
        System.out.flush();
    }
}

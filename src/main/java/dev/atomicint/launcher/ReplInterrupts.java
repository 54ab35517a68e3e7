package dev.atomicint.launcher;

import java.lang.reflect.Proxy;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C in bin/atomicint-python's REPL. GraalPy 25.0.3's launcher builds its JLine terminal with
 * SIGINT handled by JLine for good, so code the REPL runs never sees KeyboardInterrupt (GraalPy's
 * later launchers hand the signal back outside line reading). {@link #route} restores Python's
 * behaviour: while the REPL reads a line, SIGINT goes to JLine, which abandons the line, and
 * {@code KeyboardInterrupt} is printed as {@code python} prints it; at any other time it goes to
 * GraalPy's handler, which raises KeyboardInterrupt in the main thread.
 *
 * <p>Called from the launcher's start-up hook (sitecustomize.py) when the REPL starts.
 */
public final class ReplInterrupts {

    private static final Signal INT = new Signal("INT");
    private static final long POLL_MILLIS = 25;

    /** SIGINT's handler now (JLine's if the REPL's terminal exists yet, else GraalPy's), taken without a moment of SIG_DFL. */
    public static SignalHandler current() {
        SignalHandler current = Signal.handle(INT, signal -> {});
        Signal.handle(INT, current);
        return current;
    }

    /**
     * Routes SIGINT as described above for as long as the calling thread (the REPL's) lives. Python
     * code has just set GraalPy's own handler again; {@code earlier} is the one it replaced.
     */
    public static void route(SignalHandler earlier) {
        new ReplInterrupts(Thread.currentThread(), current(), earlier).start();
    }

    private final Thread repl;
    private volatile SignalHandler python; // what a direct run would have: GraalPy's handler, or the one Python code set
    private volatile SignalHandler console; // JLine's, which abandons the line being read
    private final SignalHandler router = this::route;

    private ReplInterrupts(Thread repl, SignalHandler python, SignalHandler earlier) {
        this.repl = repl;
        this.python = python;
        this.console = fromTheTerminal(earlier) ? earlier : null;
    }

    /**
     * JLine's terminal sets its own handler again each time it starts and ends reading a line, and
     * Python code may set one: every {@link #POLL_MILLIS} the router is put back in front, keeping
     * whatever displaced it as the handler for its case.
     */
    private void start() {
        Thread.ofPlatform().daemon().name("atomicint-repl-interrupts").start(() -> {
            while (repl.isAlive()) {
                SignalHandler displaced = Signal.handle(INT, router);
                if (displaced != router) {
                    if (fromTheTerminal(displaced)) {
                        console = displaced;
                    } else {
                        python = displaced;
                    }
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void route(Signal signal) {
        SignalHandler reader = console;
        if (reader != null && readingALine(repl)) {
            reader.handle(signal);
            StandardError.write("\nKeyboardInterrupt\n");
        } else if (python != SignalHandler.SIG_IGN && python != SignalHandler.SIG_DFL) {
            python.handle(signal);
        }
    }

    /** Whether {@code handler} is one JLine's terminal set (a proxy of its own, by reflection). */
    private static boolean fromTheTerminal(SignalHandler handler) {
        return Proxy.isProxyClass(handler.getClass())
                && Proxy.getInvocationHandler(handler).getClass().getName().contains(".jline.");
    }

    /** Whether {@code thread} is inside JLine's line reading. */
    private static boolean readingALine(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getMethodName().equals("readLine") && frame.getClassName().contains(".jline.")) {
                return true;
            }
        }
        return false;
    }
}

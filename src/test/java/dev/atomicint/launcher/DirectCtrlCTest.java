package dev.atomicint.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C at {@code bin/atomicint-python} run directly (no server), on a pseudo-terminal, behaves
 * as at {@code python}: KeyboardInterrupt in running code, the REPL back at its prompt, and a
 * script that does not catch it killed by SIGINT after its traceback.
 */
class DirectCtrlCTest {

    private static final Map<String, String> DIRECT = Map.of("ATOMICINT_SERVER", "0");

    @TempDir
    Path dir;

    @Test
    void inTheReplCtrlCInterruptsRunningCodeAndAnEmptyPromptAndTheReplGoesOn() throws Exception {
        CtrlC repl = CtrlC.press("repl", DIRECT, dir);
        assertEquals("0", repl.status(), repl.transcript());
        assertEquals(3, repl.count("KeyboardInterrupt"), "at the empty prompt, in the sleep, in the loop: " + repl.transcript());
        assertEquals(2, repl.count("Traceback (most recent call last)"), repl.transcript());
        assertFalse(repl.transcript().contains("\nslept"), "the sleep was interrupted: " + repl.transcript());
        assertTrue(repl.transcript().contains("alive True"), repl.transcript());
    }

    @Test
    void aScriptCatchesKeyboardInterruptAndIsKilledBySigintByOneItDoesNotCatch() throws Exception {
        CtrlC script = CtrlC.press("script", DIRECT, dir);
        assertEquals("-2", script.status(), script.transcript());
        assertTrue(script.tracebackAfterTheCatch(), script.transcript());
    }
}

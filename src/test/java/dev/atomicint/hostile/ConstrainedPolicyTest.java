package dev.atomicint.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicInt;
import dev.atomicint.python.AtomicIntPython;
import java.math.BigInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The strict set-ups build under polyglot's {@code SandboxPolicy.CONSTRAINED} (the strictest
 * GraalVM Community offers), so an embedder can have polyglot itself refuse every grant that
 * would hand an untrusted guest more than the AtomicInt: the policy rejects the builder at build().
 */
class ConstrainedPolicyTest {

    enum Mode {
        HOST(AtomicIntPython::newContext), SANDBOX(AtomicIntPython::newSandboxedContext);

        final Function<Context.Builder, Context> setUp;

        Mode(Function<Context.Builder, Context> setUp) {
            this.setUp = setUp;
        }
    }

    private static Context.Builder constrained() {
        return Context.newBuilder("python").sandbox(SandboxPolicy.CONSTRAINED).allowCreateThread(true);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aConstrainedContextSharesAnAtomicInt(Mode mode) {
        AtomicInt shared = new AtomicInt(Long.MAX_VALUE);
        try (Context context = mode.setUp.apply(constrained())) {
            context.eval("python", "def add(n):\n    n += 2**70\n    n += 1\nadd").execute(AtomicIntPython.toPython(context, shared));
        }
        assertEquals(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.TWO.pow(70)).add(BigInteger.ONE), shared.getBigInteger());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void constrainedRefusesAllAccess(Mode mode) {
        assertRefused(mode, builder -> builder.allowAllAccess(true));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void constrainedRefusesProcessCreation(Mode mode) {
        assertRefused(mode, builder -> builder.allowCreateProcess(true));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void constrainedRefusesNativeAccess(Mode mode) {
        assertRefused(mode, builder -> builder.allowNativeAccess(true));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void constrainedRefusesTheHostFileSystem(Mode mode) {
        assertRefused(mode, builder -> builder.allowIO(IOAccess.ALL));
    }

    private static void assertRefused(Mode mode, UnaryOperator<Context.Builder> grant) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> mode.setUp.apply(grant.apply(constrained())).close());
        assertTrue(refused.getMessage().contains("sandbox policy CONSTRAINED"), refused.getMessage());
    }
}

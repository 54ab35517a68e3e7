package dev.atomicint.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atomicint.python.StoreAccess;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code atomicint._classpath}, which adds the wheel's jar to the class path on GraalPy's own
 * launcher, hands guest code nothing in any set-up (docs/security.md, "In both modes Python
 * cannot"): no class is found through it, the jar cannot be added, and the package an embedding
 * serves carries no jar. {@code atomicint.BACKEND} names the set-up's backend.
 */
class WheelClassPathTest {

    private static final String ATTEMPTS = """
            import atomicint, os
            import atomicint._classpath as classpath
            def outcome(attempt):
                try:
                    attempt()
                    return "reached"
                except BaseException:
                    return "refused"
            def add_jar():
                import java
                java.add_to_classpath(classpath.JAR)
                return True
            def jar_present():
                try:
                    return os.path.isfile(classpath.JAR)
                except BaseException:  # a context without IO refuses the look itself
                    return False
            " ".join([atomicint.BACKEND, outcome(lambda: classpath.java_type("java.lang.Runtime")),
                      outcome(lambda: classpath.java_type("dev.atomicint.python.StoreProxy")), outcome(add_jar),
                      str(jar_present())])
            """;

    @ParameterizedTest
    @EnumSource(GuestSetUp.class)
    void theWheelsClassPathHelperReachesNoClassAndAddsNoJar(GuestSetUp setUp) {
        String backend = switch (setUp) {
            case HOST, HOST_CONSTRAINED, CONFIGURE_INSTALL -> "java-host";
            case SANDBOX, SANDBOX_CONSTRAINED, INSTALL_SANDBOXED -> "java-sandbox";
        };
        try (Context context = setUp.context(StoreAccess.NONE)) {
            assertEquals(backend + " refused refused refused False", context.eval("python", ATTEMPTS).asString());
        }
    }
}

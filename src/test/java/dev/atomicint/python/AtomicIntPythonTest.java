package dev.atomicint.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicInt;
import java.math.BigInteger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java set-up call: what Python can do with shared AtomicInts, and what it cannot reach. */
class AtomicIntPythonTest {

    private static Context host;
    private static Context sandbox;

    @BeforeAll
    static void createContexts() {
        host = AtomicIntPython.newContext(Context.newBuilder("python").allowCreateThread(true));
        sandbox = AtomicIntPython.newSandboxedContext(Context.newBuilder("python").allowAllAccess(false));
    }

    @AfterAll
    static void closeContexts() {
        host.close();
        sandbox.close();
    }

    private static Value python(Context context, String code) {
        return context.eval("python", code);
    }

    /** Runs {@code expression} in a fresh namespace holding {@code n}; answers its value. */
    private static Value with(Context context, Value n, String code, String expression) {
        Value namespace = python(context, "dict()");
        namespace.putHashEntry("n", n);
        Value exec = python(context, "lambda code, ns: exec(code, ns)");
        exec.execute(code, namespace);
        return python(context, "lambda e, ns: eval(e, ns)").execute(expression, namespace);
    }

    /**
     * The modules the set-up call may add to a new context's sys.modules: the package's own, the
     * bootstrap's atexit and GraalPy's polyglot. Anything else (os, say, with the nine modules it
     * pulls in) costs every new context its import: it made most of the set-up call until 1366ff2.
     */
    private static final String NOT_OWN_MODULES = """
            import sys
            sorted(m for m in set(sys.modules) - before
                   if m != "atomicint" and not m.startswith("atomicint.") and m not in ("atexit", "polyglot", "_polyglot"))
            """;

    @Test
    void theHostModeSetUpCallImportsNothingOfTheStandardLibrary() {
        try (Context context = Context.newBuilder("python").apply(AtomicIntPython::configure).build()) {
            python(context, "import sys; before = set(sys.modules)");
            AtomicIntPython.install(context);
            assertEquals("[]", python(context, NOT_OWN_MODULES).toString());
        }
    }

    @Test
    void theSandboxedSetUpCallImportsNothingOfTheStandardLibrary() {
        try (Context context = Context.newBuilder("python").allowAllAccess(false).build()) {
            python(context, "import sys; before = set(sys.modules)");
            AtomicIntPython.installSandboxed(context);
            assertEquals("[]", python(context, NOT_OWN_MODULES).toString());
        }
    }

    @Test
    void javaAtomicIntInBindingsTakesInPlaceOperatorsWithoutWrapping() {
        AtomicInt shared = new AtomicInt(41);
        host.getBindings("python").putMember("shared_counter", shared);
        python(host, "shared_counter += 1");
        assertEquals(42, shared.get());
    }

    @Test
    void javaAtomicIntPassedAsArgumentIsAnAtomicIntInPython() {
        Value isAtomic = python(host, "import atomicint\nlambda x: isinstance(x, atomicint.AtomicInt)");
        assertTrue(isAtomic.execute(new AtomicInt(1)).asBoolean());
    }

    @Test
    void pythonMadeAtomicIntIsTheJavaObject() {
        Value made = python(host, "from atomicint import AtomicInt\nAtomicInt(2**70)");
        AtomicInt javaSide = made.asHostObject();
        assertEquals(BigInteger.TWO.pow(70), javaSide.getBigInteger());
    }

    @Test
    void pythonCannotReachGetClass() {
        assertEquals("AttributeError", with(host, host.asValue(new AtomicInt()),
                "try:\n  n.getClass()\n  r = 'reached'\nexcept AttributeError:\n  r = 'AttributeError'", "r").asString());
    }

    @Test
    void pythonCannotLookUpJavaClasses() {
        assertEquals("refused", python(host,
                "import java\ntry:\n  java.type('java.lang.Runtime')\n  r = 'reached'\nexcept Exception:\n  r = 'refused'\nr").asString());
    }

    @Test
    void pythonCannotCallInheritedObjectMethods() {
        assertEquals("refused", with(host, host.asValue(new AtomicInt()),
                "r = 'refused'\nfor name in ('wait', 'notify', 'hashCode', 'equals'):\n  try:\n    getattr(n, name)\n    r = 'reached ' + name\n  except AttributeError:\n    pass", "r").asString());
    }

    @Test
    void hostAccessPolicyAllowsExactlyTheAtomicIntSurface() {
        HostAccess policy = AtomicIntHostAccess.policy();
        assertTrue(policy.toString() != null);
        try (Context context = Context.newBuilder("python").allowHostAccess(policy).build()) {
            Value n = context.asValue(new AtomicInt(5));
            assertTrue(n.canInvokeMember("addAndGet"));
            assertTrue(!n.canInvokeMember("getClass"));
        }
    }

    @Test
    void hostModeSetUpRefusesAContextWithoutTheAtomicIntSurface() {
        try (Context plain = Context.newBuilder("python").allowHostAccess(HostAccess.NONE).build()) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AtomicIntPython.install(plain));
            assertTrue(refused.getMessage().contains("AtomicIntPython::configure"), refused.getMessage());
            assertEquals("absent", python(plain, "import sys\n'present' if 'atomicint' in sys.modules else 'absent'").asString());
        }
    }

    @Test
    void inPlaceOperatorsTakeJavaBigIntegers() {
        AtomicInt shared = new AtomicInt(1);
        Value n = AtomicIntPython.toPython(host, shared);
        Value namespace = python(host, "dict()");
        namespace.putHashEntry("n", n);
        namespace.putHashEntry("b", BigInteger.TWO.pow(100));
        python(host, "lambda ns: exec('n += b\\nn *= b', ns)").execute(namespace);
        assertEquals(BigInteger.ONE.add(BigInteger.TWO.pow(100)).multiply(BigInteger.TWO.pow(100)), shared.getBigInteger());
    }

    @Test
    void sandboxedContextSharesTheValueThroughTheProxyFace() {
        AtomicInt shared = new AtomicInt(Long.MAX_VALUE);
        Value n = AtomicIntPython.toPython(sandbox, shared);
        assertEquals("AtomicInt", with(sandbox, n, "n += 1\nm = n", "type(m).__name__").asString());
        assertEquals(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), shared.getBigInteger());
    }

    @Test
    void sandboxedContextHasNoHostAccessAtAll() {
        Value n = AtomicIntPython.toPython(sandbox, new AtomicInt());
        assertEquals("refused", with(sandbox, n,
                "r = 'refused'\ntry:\n  n._proxy.target().getClass()\n  r = 'reached'\nexcept Exception:\n  pass\ntry:\n  import java\n  java.type('java.lang.Runtime')\n  r = 'reached'\nexcept Exception:\n  pass", "r").asString());
    }

    @Test
    void backendNamesTheJavaHostBackendInAStrictHostContext() {
        assertEquals("java-host", python(host, "import atomicint\natomicint.BACKEND").asString());
    }

    @Test
    void backendNamesTheJavaSandboxBackendInASandboxedContext() {
        assertEquals("java-sandbox", python(sandbox, "import atomicint\natomicint.BACKEND").asString());
    }
}

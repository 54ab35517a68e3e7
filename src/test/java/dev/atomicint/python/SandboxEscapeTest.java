package dev.atomicint.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicInt;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile Python: in both set-up modes, code holding an AtomicInt cannot reach any Java class or
 * method beyond the AtomicInt surface. Every attempt runs in a context built from a plain {@code
 * Context.newBuilder("python")} (no threads, no IO, no processes: what the builder forbids stays
 * forbidden) and must raise; the test names the exception kind it expects. docs/security.md states
 * the guarantees these tests check.
 */
class SandboxEscapeTest {

    /** The two set-up modes: {@link AtomicIntPython#newContext} and {@link AtomicIntPython#newSandboxedContext}. */
    enum Mode {
        HOST(AtomicIntPython::newContext),
        SANDBOX(AtomicIntPython::newSandboxedContext);

        final Function<Context.Builder, Context> setUp;

        Mode(Function<Context.Builder, Context> setUp) {
            this.setUp = setUp;
        }

        Context newContext(Function<Context.Builder, Context.Builder> permissions) {
            return setUp.apply(permissions.apply(Context.newBuilder("python").option("engine.WarnInterpreterOnly", "false")));
        }
    }

    /**
     * {@code attempt(code, n)} runs {@code code} in a fresh namespace holding {@code n} and {@code
     * java}; answers {@code "raised <ExceptionType>"}, or the value of {@code result} as a string
     * ({@code "returned <type name>"} when the code sets none). {@code java.name} is what hostile code
     * reaches past the Python face, whose attribute lookup is Python's own: GraalPy's foreign-object
     * lookup of the host object's members (host mode), the proxy's members (sandbox mode). The member
     * tests try both.
     */
    private static final String ATTEMPT = """
            import polyglot

            class JavaMembers:
                def __init__(self, n):
                    self.n = n
                def __getattr__(self, name):
                    if isinstance(self.n, polyglot.ForeignObject):
                        return polyglot.ForeignObject.__getattribute__(self.n, name)
                    return getattr(object.__getattribute__(self.n, "_proxy"), name)

            def attempt(code, n):
                scope = {"n": n, "java": JavaMembers(n)}
                try:
                    exec(compile(code, "<hostile>", "exec"), scope)
                except BaseException as error:
                    return "raised " + type(error).__name__
                result = scope.get("result", scope.get("_"))
                return result if type(result) is str else "returned " + type(result).__name__
            attempt
            """;

    private static final Map<Mode, Context> contexts = new EnumMap<>(Mode.class);

    @BeforeAll
    static void createContexts() {
        for (Mode mode : Mode.values()) {
            contexts.put(mode, mode.newContext(builder -> builder));
        }
    }

    @AfterAll
    static void closeContexts() {
        contexts.values().forEach(Context::close);
    }

    /** Runs {@code code} with {@code n} an AtomicInt holding 5, shared from Java; see {@link #ATTEMPT}. */
    private static String attempt(Mode mode, String code) {
        return attempt(contexts.get(mode), code);
    }

    private static String attempt(Context context, String code) {
        Value n = AtomicIntPython.toPython(context, new AtomicInt(5));
        return context.eval("python", ATTEMPT).execute(code, n).asString();
    }

    // ---- the AtomicInt object: no Java reflection through its members

    @ParameterizedTest
    @EnumSource(Mode.class)
    void getClassIsNotAMember(Mode mode) {
        for (String holder : new String[] {"n", "java"}) {
            assertEquals("raised AttributeError", attempt(mode, holder + ".getClass()"), holder);
            assertEquals("raised AttributeError", attempt(mode, "getattr(" + holder + ", 'class')"), holder);
        }
    }

    /** Host mode: the Java methods are not Python attributes, but GraalPy's foreign lookup finds them. */
    @Test
    void javaMethodsAreReachablePastThePythonFaceOnlyInHostMode() {
        assertEquals("raised AttributeError", attempt(Mode.HOST, "n.compareAndSet"));
        assertEquals("True", attempt(Mode.HOST, "result = str(java.compareAndSet(5, 6))"));
        assertEquals("raised AttributeError", attempt(Mode.SANDBOX, "java.compareAndSet"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void forNameIsUnreachable(Mode mode) {
        assertEquals("raised AttributeError", attempt(mode, "n.getClass().forName('java.lang.Runtime')"));
        assertEquals("raised AttributeError", attempt(mode, "java.getClass().forName('java.lang.Runtime')"));
    }

    /** AtomicInt declares none of these, so AtomicIntHostAccess does not expose them. */
    @ParameterizedTest
    @ValueSource(strings = {"hashCode", "equals", "wait", "notify", "notifyAll", "getClass", "byteValue", "shortValue"})
    void inheritedObjectAndNumberMethodsAreNotMembers(String name) {
        for (Mode mode : Mode.values()) {
            assertEquals("raised AttributeError", attempt(mode, "getattr(n, '" + name + "')"), mode + " " + name);
            assertEquals("raised AttributeError", attempt(mode, "getattr(java, '" + name + "')"), mode + " java." + name);
        }
    }

    /** Host mode: a BigInteger from the surface is a number, not an object with BigInteger's methods. */
    @Test
    void bigIntegerResultsAreNumbersWithoutJavaMembers() {
        assertEquals("5", attempt(Mode.HOST, "result = str(java.getBigInteger() + 0)"));
        assertEquals("raised AttributeError", attempt(Mode.HOST, "java.getBigInteger().getClass()"));
        assertEquals("raised AttributeError", attempt(Mode.HOST, "java.getBigInteger().modPow"));
    }

    /** No interface implementations are allowed: AtomicInt's methods taking Java functions cannot be called. */
    @Test
    void pythonFunctionsDoNotBecomeJavaObjects() {
        assertEquals("raised TypeError", attempt(Mode.HOST, "java.updateAndGet(lambda v: v + 1)"));
        assertEquals("raised TypeError", attempt(Mode.HOST, "java.updateAndGetBig(lambda v: v + 1)"));
        assertEquals("raised TypeError", attempt(Mode.HOST, "java.accumulateAndGetBig(3, lambda a, b: a * b)"));
        assertEquals("5", attempt(Mode.HOST, "result = str(n)"));
    }

    // ---- Python's own introspection stays in Python

    @ParameterizedTest
    @EnumSource(Mode.class)
    void classAndMroHoldNoJavaClass(Mode mode) {
        String expected = mode == Mode.HOST
                ? "AtomicInt AtomicInt IntProtocol ForeignObject object" // GraalPy's generated type of the host objects, renamed by _host.py
                : "AtomicInt IntProtocol object";
        assertEquals(expected, attempt(mode, "result = ' '.join(c.__name__ for c in type(n).__mro__)"));
        assertEquals("[]", attempt(mode, "result = repr(type(n).__subclasses__())"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void instanceHasNoDict(Mode mode) {
        assertEquals("raised AttributeError", attempt(mode, "n.__dict__"));
        assertEquals("raised TypeError", attempt(mode, "vars(n)"));
    }

    /** The sandbox's proxy is reachable with object.__getattribute__, but it is a proxy: AtomicInt members only. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void objectGetattributeFindsNoJavaObject(Mode mode) {
        if (mode == Mode.HOST) {
            assertEquals("raised AttributeError", attempt(mode, "object.__getattribute__(n, '_proxy')"));
            return;
        }
        assertEquals("returned ForeignObject", attempt(mode, "result = object.__getattribute__(n, '_proxy')"));
        for (String member : new String[] {"target", "getClass", "toString", "hashCode", "putMember", "getMember"}) {
            assertEquals("raised AttributeError", attempt(mode, "getattr(object.__getattribute__(n, '_proxy'), '" + member + "')"), member);
        }
        assertEquals("raised ForeignException", attempt(mode, "object.__getattribute__(n, '_proxy').__iadd__('x')"));
    }

    // ---- Java class lookup, class loading, other languages, polyglot bindings

    @ParameterizedTest
    @EnumSource(Mode.class)
    void javaTypeLookupIsRefused(Mode mode) {
        for (String name : new String[] {"java.lang.Runtime", "java.lang.System", "java.lang.Class", "dev.atomicint.AtomicInt",
                "dev.atomicint.python.HostCalls", "dev.atomicint.AtomicIntProxy"}) {
            assertEquals("raised KeyError", attempt(mode, "import java\njava.type('" + name + "')"), name);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void javaPackageImportIsRefused(Mode mode) {
        assertEquals("raised KeyError", attempt(mode, "from java.lang import Runtime"));
        assertEquals("raised KeyError", attempt(mode, "import java.lang.Runtime"));
        assertEquals("raised AttributeError", attempt(mode, "import java.lang\njava.lang.Runtime"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void hostClassLoadingIsRefused(Mode mode) {
        assertEquals("raised ForeignException", attempt(mode, "import java\njava.add_to_classpath('/tmp')"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void otherLanguagesAreRefused(Mode mode) {
        for (String language : new String[] {"js", "java", "ruby", "llvm", "python"}) {
            assertEquals("raised RuntimeError", attempt(mode, "import polyglot\npolyglot.eval(language='" + language + "', string='1')"), language);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void polyglotBindingsAreRefused(Mode mode) {
        assertEquals("raised NotImplementedError", attempt(mode, "import polyglot\npolyglot.import_value('java')"));
        assertEquals("raised NotImplementedError", attempt(mode, "import polyglot\npolyglot.export_value('x', n)"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void graalpythonBuiltinsReachNoJavaType(Mode mode) {
        assertEquals("raised TypeError", attempt(mode, "__graalpython__.extend(type(n))"));
        assertEquals("raised TypeError", attempt(mode, "import atomicint._bridge as b\n__graalpython__.extend(getattr(b, 'java_class', None))"));
        assertEquals("raised TypeError", attempt(mode, "__graalpython__.build_java_class(object, 'X', object)"));
    }

    // ---- the package's own link to Java: atomicint._bridge and the jar loader

    private static final String BRIDGE_NAMES = "import atomicint._bridge as b\nresult = ' '.join(sorted(n for n in vars(b) if not n.startswith('_')))";

    /** The sandbox's link: the proxy factory, the stores' connect and the context's own switch interval. */
    @Test
    void sandboxBridgeHoldsOnlyTheProxyFactory() {
        assertEquals("adder close_stores comparer connect new_proxy sandboxed switch_due switch_threads to_python",
                attempt(Mode.SANDBOX, BRIDGE_NAMES));
        assertEquals("returned ForeignObject", attempt(Mode.SANDBOX, "import atomicint._bridge as b\nresult = b.new_proxy(3)"));
        assertEquals("raised AttributeError", attempt(Mode.SANDBOX, "import atomicint._bridge as b\nb.new_proxy(3).target"));
        assertEquals("raised ForeignException", attempt(Mode.SANDBOX, "import atomicint._bridge as b\nb.new_proxy('java.lang.Runtime')"));
    }

    /** The adder and the comparer act on an AtomicIntProxy only, and are functions without members. */
    @ParameterizedTest
    @ValueSource(strings = {"adder", "comparer"})
    void sandboxProxyCallsTakeProxiesOnly(String factory) {
        String bridge = "import atomicint._bridge as b\n";
        for (String argument : new String[] {"3", "'java.lang.Runtime'", "b", "object()"}) {
            assertEquals("raised ForeignException", attempt(Mode.SANDBOX, bridge + "b." + factory + "(" + argument + ")"), argument);
        }
        assertEquals("raised ForeignException", attempt(Mode.SANDBOX, bridge + "b." + factory + "()"));
        for (String member : new String[] {"getClass", "iadd", "interval", "execute"}) {
            assertEquals("raised AttributeError", attempt(Mode.SANDBOX, bridge + "getattr(b." + factory + "(b.new_proxy(3)), '" + member + "')"), member);
        }
    }

    @Test
    void sandboxComparerSetsAndAnswersInBitZero() {
        String compare = "import atomicint._bridge as b\np = b.new_proxy(3)\nc = b.comparer(p)\n";
        assertEquals("1 0 4", attempt(Mode.SANDBOX, compare + "result = f'{c(3, 4) & 1} {c(3, 5) & 1} {p.get()}'"));
    }

    /** The bridge's store connect is the context's own, under its grant: none here, so nothing is opened. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void bridgeConnectObeysTheContextsGrant(Mode mode) {
        assertEquals("raised PermissionError", attempt(mode, "import atomicint\natomicint.connect('redis://127.0.0.1:1/0')"));
        assertEquals("raised ForeignException", attempt(mode, "import atomicint._bridge as b\nb.connect('redis://127.0.0.1:1/0')"));
    }

    /** Host mode's link: the AtomicInt class (constructor only), HostCalls (AtomicInt operations only) and IntOp tokens. */
    @Test
    void hostBridgeReachesNothingBeyondAtomicInt() {
        assertEquals("close_stores connect host_calls java_class ops sandboxed to_python", attempt(Mode.HOST, BRIDGE_NAMES));
        assertEquals("AtomicInt(7)", attempt(Mode.HOST, "import atomicint._bridge as b\nresult = repr(b.java_class(7))"));
        for (String member : new String[] {"forName", "getName", "getMethods", "getDeclaredFields", "getClassLoader", "getModule", "newInstance"}) {
            assertEquals("raised AttributeError", attempt(Mode.HOST,
                    "import atomicint._bridge as b\ngetattr(getattr(b.java_class, 'class'), '" + member + "')"), member);
        }
        assertEquals("raised AttributeError", attempt(Mode.HOST, "import atomicint._bridge as b\nb.host_calls.forName"));
        assertEquals("raised TypeError", attempt(Mode.HOST, "import atomicint._bridge as b\nb.host_calls()"));
        assertEquals("raised TypeError", attempt(Mode.HOST, "import atomicint._bridge as b\nb.host_calls.get('not an AtomicInt')"));
        for (String member : new String[] {"name", "ordinal", "getClass", "getDeclaringClass", "applyExact", "apply", "valueOf"}) {
            assertEquals("raised AttributeError", attempt(Mode.HOST, "import atomicint._bridge as b\ngetattr(b.ops.add, '" + member + "')"), member);
        }
    }

    /** The jar loader serves the package's own .py files only: no traversal, no classes, no other resources. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void jarLoaderServesOnlyThePackageSources(Mode mode) {
        String read = "import sys\nread = next(f for f in sys.meta_path if type(f).__name__ == '_JarPackageLoader')._read_source\n";
        assertEquals("True", attempt(mode, read + "result = str(read('atomicint/__init__.py').startswith('\"\"\"Atomic'))"));
        for (String path : new String[] {"atomicint/../../../../etc/passwd", "atomicint/../AtomicInt.class", "dev/atomicint/AtomicInt.class",
                "atomicint/../bootstrap.py", "/etc/passwd", "atomicint/%2e%2e/bootstrap.py", "META-INF/MANIFEST.MF"}) {
            assertEquals("None", attempt(mode, read + "result = str(read('" + path + "'))"), path);
        }
    }

    /** Sandbox mode hands Python proxies only: code that hooks the hand-over never sees the host object. */
    @Test
    void sandboxHandOverPassesNoHostObject() {
        Context sandbox = contexts.get(Mode.SANDBOX);
        sandbox.eval("python", """
                import atomicint._bridge as b
                seen = []
                if not hasattr(b, 'original_to_python'):
                    b.original_to_python = b.to_python
                def spy(host_object, proxy):
                    seen.append(host_object)
                    return b.original_to_python(host_object, proxy)
                b.to_python = spy
                """);
        try {
            AtomicIntPython.toPython(sandbox, new AtomicInt(1));
            assertEquals("[None]", sandbox.eval("python", "repr(seen)").asString());
        } finally {
            sandbox.eval("python", "b.to_python = b.original_to_python");
        }
    }

    // ---- exceptions raised by Java carry a message, not a Java object

    @ParameterizedTest
    @EnumSource(Mode.class)
    void javaExceptionsExposeNoJavaMembers(Mode mode) {
        String caught = "try:\n  n <<= 10**12\nexcept OverflowError as e:\n  error = e\n";
        assertEquals("None None", attempt(mode, caught + "result = f'{error.__cause__} {error.__context__}'"));
        String foreign = "import atomicint._bridge as b\ntry:\n  b.new_proxy('x')\nexcept BaseException as e:\n  error = e\n";
        assertEquals("str", attempt(mode, foreign + "result = type(error.args[0]).__name__"));
        for (String member : new String[] {"getClass", "getMessage", "getStackTrace", "getCause", "printStackTrace"}) {
            assertEquals("raised AttributeError", attempt(mode, foreign + "getattr(error, '" + member + "')"), member);
        }
    }

    // ---- what the builder forbids stays forbidden

    @ParameterizedTest
    @EnumSource(Mode.class)
    void filesAreRefused(Mode mode) {
        assertEquals("raised PermissionError", attempt(mode, "open('/etc/hostname').read()"));
        assertEquals("raised PermissionError", attempt(mode, "open('atomicint-escape-probe.txt', 'w')"));
        assertEquals("raised PermissionError", attempt(mode, "import os\nos.listdir('/')"));
        assertEquals("raised PermissionError", attempt(mode, "__graalpython__.read_file('/etc/hostname')"));
    }

    /** GraalPy refuses with a Java SecurityException that Python cannot catch: the evaluation fails as a whole. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void processesAreRefused(Mode mode) {
        try (Context context = mode.newContext(builder -> builder)) {
            PolyglotException refused = assertThrows(PolyglotException.class, () -> attempt(context, "import os\nos.system('true')"));
            assertTrue(refused.getMessage().contains("Process creation is not allowed"), refused::getMessage);
        }
    }

    /** GraalPy refuses with a Java IllegalStateException that Python cannot catch: the evaluation fails as a whole. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void threadsAreRefused(Mode mode) {
        try (Context context = mode.newContext(builder -> builder)) {
            PolyglotException refused = assertThrows(PolyglotException.class,
                    () -> attempt(context, "import threading\nthreading.Thread(target=print).start()"));
            assertTrue(refused.getMessage().contains("Creating threads is not allowed"), refused::getMessage);
        }
    }

    // ---- what the set-up calls force, whatever the builder says

    /** allowAllAccess(true) would grant host class lookup and loading; both set-up calls turn them off. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void allowAllAccessDoesNotReopenClassLookupOrLoading(Mode mode) {
        try (Context context = mode.newContext(builder -> builder.allowAllAccess(true))) {
            assertEquals("raised KeyError", attempt(context, "import java\njava.type('java.lang.Runtime')"));
            assertEquals("raised ForeignException", attempt(context, "import java\njava.add_to_classpath('/tmp')"));
            assertEquals("raised AttributeError", attempt(context, "java.getClass()"));
            assertEquals("6", attempt(context, "n += 1\nresult = str(n)"));
        }
    }

    /** The sandbox set-up works when the embedder already chose HostAccess.NONE and allowAllAccess(false). */
    @Test
    void sandboxWorksWithExplicitNoHostAccess() {
        AtomicInt shared = new AtomicInt(Long.MAX_VALUE);
        try (Context context = Mode.SANDBOX.newContext(builder -> builder.allowHostAccess(HostAccess.NONE).allowAllAccess(false))) {
            assertEquals("AtomicInt", attempt(context, "from atomicint import AtomicInt\nresult = type(AtomicInt(2**70)).__name__"));
            Value n = AtomicIntPython.toPython(context, shared);
            context.getBindings("python").putMember("shared", n);
            context.eval("python", "shared += 1\nshared *= 2**64");
            assertEquals(BigInteger.TWO.pow(63).multiply(BigInteger.TWO.pow(64)), shared.getBigInteger());
            assertEquals("raised KeyError", attempt(context, "import java\njava.type('java.lang.Runtime')"));
        }
    }
}

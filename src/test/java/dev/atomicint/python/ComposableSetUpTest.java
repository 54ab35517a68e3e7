package dev.atomicint.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicInt;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * {@code builder.apply(AtomicIntPython::configure)} after the application's own policy, then
 * {@code install}: Python gets AtomicInt on top of what the application allowed, and loses nothing of
 * it. Each test: {@code +=} on a Java-passed AtomicInt works, the application's exports still work,
 * what the application denied stays denied.
 */
class ComposableSetUpTest {

    /** An application's own service, exported the polyglot way. */
    public static final class Greeter {
        @HostAccess.Export
        public String greet(String name) {
            return "hello " + name;
        }

        public String secret() {
            return "not for Python";
        }
    }

    private static Context configured(Context.Builder appBuilder) {
        return AtomicIntPython.install(appBuilder.apply(AtomicIntPython::configure).build());
    }

    /** Runs {@code code} with {@code counter} (a Java AtomicInt at 41) and {@code greeter} bound; answers {@code result} or what it raised. */
    private static String run(Context context, String code) {
        Value bindings = context.getBindings("python");
        bindings.putMember("counter", new AtomicInt(41));
        bindings.putMember("greeter", new Greeter());
        Value attempt = context.eval("python", """
                def attempt(code):
                    ns = dict(counter=counter, greeter=greeter)
                    try:
                        exec(code, ns)
                        return str(ns.get('result'))
                    except BaseException as e:
                        return 'raised ' + type(e).__name__
                attempt""");
        return attempt.execute(code).asString();
    }

    private static void assertAtomicIntWorks(Context context) {
        assertEquals("42 True", run(context, "from atomicint import AtomicInt\ncounter += 1\nresult = f'{counter} {isinstance(counter, AtomicInt)}'"));
        assertEquals("2", run(context, "from atomicint import AtomicInt\nn = AtomicInt(1)\nn += 1\nresult = n"));
    }

    @Test
    void explicitPolicyKeepsTheApplicationsExportsAndDenials() {
        try (Context context = configured(Context.newBuilder("python").allowHostAccess(HostAccess.EXPLICIT))) {
            assertAtomicIntWorks(context);
            assertEquals("hello py", run(context, "result = greeter.greet('py')"));
            assertEquals("raised AttributeError", run(context, "result = greeter.secret()"));
            assertEquals("raised AttributeError", run(context, "result = greeter.getClass()"));
            assertEquals("raised AttributeError", run(context, "result = counter.getClass()"));
            assertEquals("raised NotImplementedError", run(context, "import java\nresult = java.type('java.util.ArrayList')")); // lookup off
        }
    }

    @Test
    void allowAllAccessKeepsClassLookupAndFullAccess() {
        try (Context context = configured(Context.newBuilder("python").allowAllAccess(true))) {
            assertAtomicIntWorks(context);
            assertEquals("hello py", run(context, "result = greeter.greet('py')"));
            assertEquals("not for Python", run(context, "result = greeter.secret()"));
            assertEquals("[x]", run(context, "import java\nl = java.type('java.util.ArrayList')()\nl.add('x')\nresult = l.toString()"));
        }
    }

    @Test
    void hostAccessAllWithClassLookupKeepsBoth() {
        Context.Builder app = Context.newBuilder("python").allowHostAccess(HostAccess.ALL).allowHostClassLookup(name -> name.startsWith("java.util."));
        try (Context context = configured(app)) {
            assertAtomicIntWorks(context);
            assertEquals("[x]", run(context, "import java\nl = java.type('java.util.ArrayList')()\nl.add('x')\nresult = l.toString()"));
            assertEquals("raised KeyError", run(context, "import java\nresult = java.type('java.lang.Runtime')"));
        }
    }

    @Test
    void customPolicyKeepsWhatItAllowsAndNothingMore() throws NoSuchMethodException {
        HostAccess app = HostAccess.newBuilder().allowAccess(Greeter.class.getMethod("greet", String.class)).build();
        try (Context context = configured(Context.newBuilder("python").allowHostAccess(app))) {
            assertAtomicIntWorks(context);
            assertEquals("hello py", run(context, "result = greeter.greet('py')"));
            assertEquals("raised AttributeError", run(context, "result = greeter.secret()"));
            assertEquals("raised AttributeError", run(context, "result = counter.getClass()"));
        }
    }

    @Test
    void builderWithoutPolicyKeepsPolyglotsDefault() {
        try (Context context = configured(Context.newBuilder("python"))) {
            assertAtomicIntWorks(context);
            assertEquals("hello py", run(context, "result = greeter.greet('py')"));
            assertEquals("raised AttributeError", run(context, "result = greeter.secret()"));
            assertEquals("raised AttributeError", run(context, "result = counter.getClass()"));
        }
    }

    @Test
    void noHostAccessBecomesAtomicIntOnly() {
        try (Context context = configured(Context.newBuilder("python").allowHostAccess(HostAccess.NONE))) {
            assertAtomicIntWorks(context);
            assertEquals("raised AttributeError", run(context, "result = greeter.greet('py')"));
            assertEquals("raised AttributeError", run(context, "result = counter.getClass()"));
        }
    }

    @Test
    void installWorksOnAPlainExplicitContext() {
        try (Context context = AtomicIntPython.install(Context.newBuilder("python").allowHostAccess(HostAccess.EXPLICIT).build())) {
            assertAtomicIntWorks(context);
        }
    }

    @Test
    void allowHostAccessAfterConfigureReplacesItAndInstallSaysHow() {
        Context.Builder builder = Context.newBuilder("python").apply(AtomicIntPython::configure).allowHostAccess(HostAccess.NONE);
        try (Context context = builder.build()) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AtomicIntPython.install(context));
            assertTrue(refused.getMessage().contains("a later allowHostAccess replaces it"), refused.getMessage());
        }
    }

    @Test
    void contextsOfOneEngineConfiguredAlikeShareIt() {
        try (Engine engine = Engine.newBuilder("python").build();
                Context first = configured(Context.newBuilder("python").engine(engine).allowHostAccess(HostAccess.EXPLICIT));
                Context second = configured(Context.newBuilder("python").engine(engine).allowHostAccess(HostAccess.EXPLICIT))) {
            assertAtomicIntWorks(first);
            assertAtomicIntWorks(second);
        }
    }
}

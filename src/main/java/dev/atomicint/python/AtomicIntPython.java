package dev.atomicint.python;

import dev.atomicint.AtomicInt;
import dev.atomicint.AtomicIntProxy;
import dev.atomicint.IntOp;
import dev.atomicint.RemoteAtomicInt;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Sets up GraalPy contexts so that Python's {@code from atomicint import AtomicInt} works and
 * Java {@link AtomicInt}s can be shared with Python.
 *
 * <p>Host mode, one call: {@code Context context = AtomicIntPython.newContext(Context.newBuilder("python")
 * .allowCreateThread(true).allowIO(...))}. Python may then use the AtomicInt surface and nothing
 * else of Java (see {@link AtomicIntHostAccess}); an AtomicInt passed in as a binding, an argument
 * or a return value already is a Python {@code atomicint.AtomicInt}, operators and all.
 *
 * <p>Sandbox mode, for contexts with no host access at all: {@link #newSandboxedContext}. Python's
 * AtomicInt then runs over {@link AtomicIntProxy}; share Java AtomicInts with {@link #toPython}.
 */
public final class AtomicIntPython {

    private static final Source BOOTSTRAP = Source.newBuilder("python", PackageSources.read("dev/atomicint/python/bootstrap.py"), "atomicint-bootstrap.py")
            .internal(true)
            .buildLiteral();

    private static final Source TO_PYTHON = Source.newBuilder("python", "import atomicint._bridge as b\nb.to_python", "atomicint-to-python.py")
            .internal(true)
            .buildLiteral();

    private static final Source REMOTE_TO_PYTHON = Source.newBuilder("python", "import atomicint._remote as r\nr.from_java", "atomicint-remote-to-python.py")
            .internal(true)
            .buildLiteral();

    private AtomicIntPython() {}

    /**
     * Limits {@code builder}'s host access to the AtomicInt surface, replacing any other policy, and
     * turns host class lookup and host class loading off (explicitly, so that even {@code
     * allowAllAccess(true)} grants Python no {@code java.type(...)} and no {@code
     * java.add_to_classpath(...)}).
     */
    public static Context.Builder configure(Context.Builder builder) {
        return noClassLookupOrLoading(builder.allowHostAccess(AtomicIntHostAccess.policy()));
    }

    /** Builds a host-mode context from {@code builder} and installs atomicint in it. */
    public static Context newContext(Context.Builder builder) {
        return install(configure(builder).build());
    }

    /**
     * Builds a context with no host access at all ({@link HostAccess#NONE}, no host class lookup, no
     * host class loading, whatever {@code builder} allowed) and installs atomicint over the proxy face.
     */
    public static Context newSandboxedContext(Context.Builder builder) {
        return installSandboxed(noClassLookupOrLoading(builder.allowHostAccess(HostAccess.NONE)).build());
    }

    private static Context.Builder noClassLookupOrLoading(Context.Builder builder) {
        return builder.allowHostClassLookup(className -> false).allowHostClassLoading(false);
    }

    /**
     * Installs atomicint in a context whose host access allows the AtomicInt surface
     * ({@link #configure}, {@link AtomicIntHostAccess}); anything less throws
     * IllegalArgumentException and leaves the context as it was.
     */
    public static Context install(Context context) {
        Value hostCalls = staticClass(context, HostCalls.class);
        if (!hostCalls.canInvokeMember("add")) {
            throw new IllegalArgumentException("atomicint's host mode needs a context whose host access allows the AtomicInt"
                    + " surface: build it with AtomicIntPython.configure(builder) or AtomicIntHostAccess.policy(),"
                    + " or use installSandboxed for a context without host access");
        }
        run(context, link(false, staticClass(context, AtomicInt.class), hostCalls, ops()));
        return context;
    }

    /** Installs atomicint in a context without host access: Python's AtomicInt wraps proxies. */
    public static Context installSandboxed(Context context) {
        run(context, link(true, null, null, null));
        return context;
    }

    /**
     * {@code atomicInt} as Python's {@code atomicint.AtomicInt} in {@code context}: the host object
     * itself in host mode, a Python AtomicInt over its proxy face in sandbox mode. Both share the
     * value with {@code atomicInt}. A context whose host access does not allow the AtomicInt
     * surface is handed the proxy only, never the host object.
     */
    public static Value toPython(Context context, AtomicInt atomicInt) {
        Object hostObject = context.asValue(atomicInt).canInvokeMember("getNumber") ? atomicInt : null;
        return context.eval(TO_PYTHON).execute(hostObject, new AtomicIntProxy(atomicInt));
    }

    /**
     * {@code atomicInt} as a Python {@code atomicint.AtomicInt} in {@code context} (host or sandbox
     * mode): the same object {@code store.atomic_int(name)} gives Python for that key.
     */
    public static Value toPython(Context context, RemoteAtomicInt atomicInt) {
        return context.eval(REMOTE_TO_PYTHON).execute(RemoteAtomicIntProxy.of(atomicInt));
    }

    private static void run(Context context, ProxyObject link) {
        context.eval(BOOTSTRAP).execute(new PackageSources(), link);
    }

    private static Value staticClass(Context context, Class<?> type) {
        return context.asValue(type).getMember("static");
    }

    private static ProxyObject link(boolean sandboxed, Value javaClass, Value hostCalls, ProxyObject ops) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("sandboxed", sandboxed);
        link.put("java_class", javaClass);
        link.put("host_calls", hostCalls);
        link.put("ops", ops);
        link.put("new_proxy", AtomicIntProxy.factory());
        link.put("connect", (ProxyExecutable) arguments -> StoreProxy.connect(arguments[0].asString()));
        // For the sandboxed backend, which cannot call HostCalls: see SandboxAdder, SwitchInterval.
        link.put("adder", SandboxAdder.factory());
        link.put("switch_due", (ProxyExecutable) arguments -> SwitchInterval.elapsed());
        link.put("switch_threads", (ProxyExecutable) arguments -> {
            SwitchInterval.restart();
            return null;
        });
        return ProxyObject.fromMap(link);
    }

    /** The IntOps by their Python names ({@code "add"}, ... {@code "xor"}). */
    private static ProxyObject ops() {
        Map<String, Object> ops = new LinkedHashMap<>();
        for (IntOp op : IntOp.values()) {
            ops.put(op.name().toLowerCase(Locale.ROOT), op);
        }
        return ProxyObject.fromMap(ops);
    }
}

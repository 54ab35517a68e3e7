package dev.atomicint.python;

import dev.atomicint.AtomicInt;
import dev.atomicint.AtomicIntProxy;
import dev.atomicint.AtomicIntStore;
import dev.atomicint.IntOp;
import dev.atomicint.RemoteAtomicInt;
import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Sets up GraalPy contexts so that Python's {@code from atomicint import AtomicInt} works and
 * Java {@link AtomicInt}s can be shared with Python.
 *
 * <p>In an application's own context: {@code Context context = AtomicIntPython.install(appBuilder
 * .apply(AtomicIntPython::configure).build())}. {@link #configure} adds the AtomicInt surface to the
 * application's host access and takes nothing away.
 *
 * <p>Strict host mode, one call: {@code Context context = AtomicIntPython.newContext(Context.newBuilder("python")
 * .allowCreateThread(true).allowIO(...))}. Python may then use the AtomicInt surface and nothing
 * else of Java (see {@link AtomicIntHostAccess}). In both, an AtomicInt passed in as a binding, an
 * argument or a return value already is a Python {@code atomicint.AtomicInt}, operators and all.
 *
 * <p>Sandbox mode, for contexts with no host access at all: {@link #newSandboxedContext}. Python's
 * AtomicInt then runs over {@link AtomicIntProxy}; share Java AtomicInts with {@link #toPython}.
 */
public final class AtomicIntPython {

    private static final Source BOOTSTRAP = Source.newBuilder("python", PackageSources.read("dev/atomicint/python/bootstrap.py"), "atomicint-bootstrap.py")
            .internal(true)
            .buildLiteral();

    private static final Source PROCESS_GUARD = Source.newBuilder("python", PackageSources.read("dev/atomicint/python/process_guard.py"), "atomicint-process-guard.py")
            .internal(true)
            .buildLiteral();

    /** {@link HostAccess#NONE} without mutable target mappings, as {@code SandboxPolicy.CONSTRAINED} requires. */
    private static final HostAccess NO_HOST_ACCESS = HostAccess.newBuilder(HostAccess.NONE).allowMutableTargetMappings().build();

    private static final Source TO_PYTHON = Source.newBuilder("python", "import atomicint._bridge as b\nb.to_python", "atomicint-to-python.py")
            .internal(true)
            .buildLiteral();

    /**
     * Stands for "the builder has no host access policy" in {@link #configure}: it allows one private
     * constructor of this class, so no application policy equals it.
     */
    private static final HostAccess UNSET = HostAccess.newBuilder().allowAccess(unsetMarker()).build();

    private static final Source STORE_TO_PYTHON = Source.newBuilder("python", "import atomicint._remote as r\nr.store_from_java", "atomicint-store-to-python.py")
            .internal(true)
            .buildLiteral();

    private static final Source REMOTE_TO_PYTHON = Source.newBuilder("python", "import atomicint._remote as r\nr.from_java", "atomicint-remote-to-python.py")
            .internal(true)
            .buildLiteral();

    private AtomicIntPython() {}

    private static Constructor<AtomicIntPython> unsetMarker() {
        try {
            return AtomicIntPython.class.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Adds the AtomicInt surface to whatever {@code builder}'s host access already allows, and
     * changes nothing else: host class lookup, class loading, IO, threads and the application's own
     * exported classes stay as the application set them. Call it after the application's own
     * {@code allowHostAccess}/{@code allowAllAccess} ({@code builder.apply(AtomicIntPython::configure)}):
     * a later {@code allowHostAccess(...)} replaces the host access this call extended.
     *
     * <ul>
     *   <li>A builder with a host access policy ({@code EXPLICIT}, {@code ALL}, {@code
     *       HostAccess.newBuilder()...}): extended by {@link AtomicIntHostAccess#allowAtomicInt}
     *       ({@link Context.Builder#extendHostAccess}).
     *   <li>A builder with none: left without one, so that polyglot still picks its own default at
     *       {@code build()}: {@code HostAccess.ALL} under {@code allowAllAccess(true)}, else {@code
     *       HostAccess.EXPLICIT}, which reaches AtomicInt through its {@code @HostAccess.Export}
     *       annotations.
     * </ul>
     *
     * <p>Contexts sharing one {@code Engine} must all have the same host access: configure every
     * builder of that engine the same way.
     */
    public static Context.Builder configure(Context.Builder builder) {
        boolean[] unset = {false};
        builder.extendHostAccess(UNSET, access -> {
            if (access.build().equals(UNSET)) {
                unset[0] = true;
            } else {
                AtomicIntHostAccess.allowAtomicInt(access);
            }
        });
        // extendHostAccess always sets a policy; null restores "none set" (Context.Builder#build treats it so)
        return unset[0] ? builder.allowHostAccess(null) : builder;
    }

    /**
     * Builds a strict host-mode context from {@code builder} and installs atomicint in it. Strict:
     * whatever {@code builder} allowed, Python gets the AtomicInt surface and nothing else of Java
     * ({@link AtomicIntHostAccess#policy()} replaces its host access; host class lookup and loading
     * are turned off, even under {@code allowAllAccess(true)}). To keep an application's own host
     * access, use {@code builder.apply(AtomicIntPython::configure)} and {@link #install} instead.
     *
     * <p>Strict about the process too: Python's stdin, stdout and stderr are the JVM's {@code
     * System.in/out/err} through streams it cannot close (they replace any the builder set; see
     * {@link StandardStreams}), and its {@code signal} functions that act on the whole JVM raise
     * PermissionError. What else {@code builder} allows (IO, threads, processes, native access,
     * {@code allowAllAccess}) it keeps: docs/security.md says what each hands Python.
     */
    public static Context newContext(Context.Builder builder) {
        return newContext(builder, StoreAccess.NONE);
    }

    /** {@link #newContext(Context.Builder)}, with the stores Python code may open itself ({@link StoreAccess}). */
    public static Context newContext(Context.Builder builder, StoreAccess stores) {
        Objects.requireNonNull(stores, "stores");
        return install(guardProcess(build(strict(builder.allowHostAccess(AtomicIntHostAccess.policy())))), stores);
    }

    /**
     * Builds a context with no host access at all ({@link HostAccess#NONE}, no host class lookup, no
     * host class loading, whatever {@code builder} allowed) and installs atomicint over the proxy
     * face. Strict about the process as {@link #newContext} is.
     */
    public static Context newSandboxedContext(Context.Builder builder) {
        return newSandboxedContext(builder, StoreAccess.NONE);
    }

    /** {@link #newSandboxedContext(Context.Builder)}, with the stores Python code may open itself ({@link StoreAccess}). */
    public static Context newSandboxedContext(Context.Builder builder, StoreAccess stores) {
        Objects.requireNonNull(stores, "stores");
        return installSandboxed(guardProcess(build(strict(builder.allowHostAccess(NO_HOST_ACCESS)))), stores);
    }

    /**
     * {@code builder.build()}, with GraalVM's rule "one host access configuration per shared Engine"
     * (host-mode and sandboxed contexts differ in it) as a clear IllegalArgumentException. GraalVM
     * 25.0.3 reports a breach as an IllegalStateException when the sandboxed context came first,
     * and as an internal NullPointerException (in {@code HostAccess.equalsSet}) when the host-mode
     * context came first.
     */
    private static Context build(Context.Builder builder) {
        try {
            return builder.build();
        } catch (IllegalStateException | PolyglotException e) {
            String message = String.valueOf(e.getMessage());
            boolean otherHostAccess = message.contains("different host access configuration")
                    || (e instanceof PolyglotException polyglot && polyglot.isInternalError() && message.contains("EconomicSet"));
            if (otherHostAccess) {
                throw new IllegalArgumentException("this builder's Engine already serves contexts with another host access"
                        + " configuration, and GraalVM allows one per Engine: host-mode (newContext) and sandboxed"
                        + " (newSandboxedContext) contexts need an Engine each", e);
            }
            throw e;
        }
    }

    /** No host class lookup or loading; the JVM's standard streams, uncloseable. */
    private static Context.Builder strict(Context.Builder builder) {
        return StandardStreams.apply(builder.allowHostClassLookup(className -> false).allowHostClassLoading(false));
    }

    /** Takes the JVM-wide signal functions away from Python (process_guard.py says why). */
    private static Context guardProcess(Context context) {
        context.eval(PROCESS_GUARD);
        return context;
    }

    /**
     * Installs atomicint in a context whose host access allows the AtomicInt surface: one built
     * from a builder passed through {@link #configure}, or any context under {@code
     * HostAccess.EXPLICIT} or {@code HostAccess.ALL}. Anything less throws IllegalArgumentException
     * and leaves the context as it was. Trusts the context: what else it allows is the caller's choice.
     * Python code may open no store itself ({@link StoreAccess#NONE}).
     */
    public static Context install(Context context) {
        return install(context, StoreAccess.NONE);
    }

    /** {@link #install(Context)}, with the stores Python code may open itself ({@link StoreAccess}). */
    public static Context install(Context context, StoreAccess stores) {
        Objects.requireNonNull(stores, "stores");
        Value hostCalls = context.asValue(new HostCalls());
        if (!hostCalls.canInvokeMember("add")) {
            throw new IllegalArgumentException("atomicint's host mode needs a context whose host access allows the AtomicInt"
                    + " surface: build it with builder.apply(AtomicIntPython::configure) after the builder's own"
                    + " allowHostAccess(...) (a later allowHostAccess replaces it), or use installSandboxed for a"
                    + " context without host access");
        }
        Map<String, Object> link = link(false, stores);
        link.put("java_class", staticClass(context, AtomicInt.class));
        link.put("host_calls", hostCalls);
        link.put("ops", ops());
        run(context, link);
        return context;
    }

    /** Installs atomicint in a context without host access: Python's AtomicInt wraps proxies. No store grant. */
    public static Context installSandboxed(Context context) {
        return installSandboxed(context, StoreAccess.NONE);
    }

    /** {@link #installSandboxed(Context)}, with the stores Python code may open itself ({@link StoreAccess}). */
    public static Context installSandboxed(Context context, StoreAccess stores) {
        Objects.requireNonNull(stores, "stores");
        // The sandboxed backend cannot call HostCalls: the proxy factory, and its switch interval as functions.
        SwitchInterval interval = new SwitchInterval();
        Map<String, Object> link = link(true, stores);
        link.put("new_proxy", AtomicIntProxy.factory());
        link.put("adder", SandboxCalls.adderFactory(interval));
        link.put("comparer", SandboxCalls.comparerFactory(interval));
        link.put("switch_due", (ProxyExecutable) arguments -> interval.elapsed());
        link.put("switch_threads", (ProxyExecutable) arguments -> {
            interval.restart();
            return null;
        });
        run(context, link);
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

    /**
     * {@code store} as a Python {@code atomicint.Store} in {@code context} (host or sandbox mode):
     * its {@code atomic_int(name)} gives AtomicInts stored there, whatever the context's {@link
     * StoreAccess}, since the host chose the address. The store stays the host's: Python's {@code
     * close()} of it closes nothing, and the host closes it.
     */
    public static Value toPython(Context context, AtomicIntStore store) {
        return context.eval(STORE_TO_PYTHON).execute(StoreProxy.of(store, false));
    }

    /** Runs the bootstrap, which publishes {@code link}'s entries as {@code atomicint._bridge}. */
    private static void run(Context context, Map<String, Object> link) {
        InterpreterOnlyWarning.checkOnce(context.getEngine());
        context.eval(BOOTSTRAP).execute(new PackageSources(), ProxyObject.fromMap(link));
    }

    private static Value staticClass(Context context, Class<?> type) {
        return context.asValue(type).getMember("static");
    }

    /**
     * What both modes' packages need: which backend, and the stores' connect under {@code stores},
     * whose stores belong to this context ({@code close_stores}: Python's atexit calls it).
     */
    private static Map<String, Object> link(boolean sandboxed, StoreAccess stores) {
        GuestStores guestStores = new GuestStores(stores);
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("sandboxed", sandboxed);
        link.put("connect", (ProxyExecutable) arguments -> guestStores.connect(arguments[0].asString()));
        link.put("close_stores", (ProxyExecutable) arguments -> {
            guestStores.closeAll();
            return null;
        });
        return link;
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

package dev.atomicint.hostile;

import dev.atomicint.python.AtomicIntPython;
import dev.atomicint.python.StoreAccess;
import java.util.function.BiFunction;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.SandboxPolicy;

/** Every documented way to set up a context for guest Python, each given a store grant (or none). */
enum GuestSetUp {
    HOST(AtomicIntPython::newContext),
    SANDBOX(AtomicIntPython::newSandboxedContext),
    HOST_CONSTRAINED((builder, stores) -> AtomicIntPython.newContext(builder.sandbox(SandboxPolicy.CONSTRAINED), stores)),
    SANDBOX_CONSTRAINED((builder, stores) -> AtomicIntPython.newSandboxedContext(builder.sandbox(SandboxPolicy.CONSTRAINED), stores)),
    CONFIGURE_INSTALL((builder, stores) -> AtomicIntPython.install(
            AtomicIntPython.configure(builder.allowHostAccess(HostAccess.EXPLICIT)).build(), stores)),
    INSTALL_SANDBOXED((builder, stores) -> AtomicIntPython.installSandboxed(builder.allowHostAccess(HostAccess.NONE).build(), stores));

    private final BiFunction<Context.Builder, StoreAccess, Context> setUp;

    GuestSetUp(BiFunction<Context.Builder, StoreAccess, Context> setUp) {
        this.setUp = setUp;
    }

    /** A context of this set-up with Python threads allowed and {@code stores} granted. */
    Context context(StoreAccess stores) {
        return setUp.apply(Context.newBuilder("python").allowCreateThread(true), stores);
    }
}

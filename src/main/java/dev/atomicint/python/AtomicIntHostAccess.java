package dev.atomicint.python;

import dev.atomicint.AtomicInt;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.graalvm.polyglot.HostAccess;

/**
 * The host access that lets Python use {@link AtomicInt} and nothing else of Java: the public
 * constructors and methods AtomicInt itself declares but {@code toString()} (exact, so unbounded in
 * time), and the {@link HostCalls} the Python package calls. Everything inherited from {@code Object}
 * ({@code getClass()}, {@code wait()}, ...) and every other class stays out of reach.
 */
public final class AtomicIntHostAccess {

    private AtomicIntHostAccess() {}

    /**
     * A policy that allows exactly the AtomicInt surface. No guest object becomes a mutable Java
     * List, Map or array (none of the surface takes one), which {@code SandboxPolicy.CONSTRAINED} requires.
     */
    public static HostAccess policy() {
        return allowAtomicInt(HostAccess.newBuilder()).allowMutableTargetMappings().build();
    }

    /** Adds the AtomicInt surface to an application's own policy. */
    public static HostAccess.Builder allowAtomicInt(HostAccess.Builder builder) {
        for (Class<?> type : new Class<?>[] {AtomicInt.class, HostCalls.class}) {
            for (Constructor<?> constructor : type.getConstructors()) {
                builder.allowAccess(constructor);
            }
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic() && !isUnboundedText(method)) {
                    builder.allowAccess(method);
                }
            }
        }
        return builder.allowBigIntegerNumberAccess(true);
    }

    /** AtomicInt's exact {@code toString()}: seconds at the size cap, and uninterruptible (see its javadoc). */
    private static boolean isUnboundedText(Method method) {
        return method.getName().equals("toString") && method.getParameterCount() == 0;
    }
}

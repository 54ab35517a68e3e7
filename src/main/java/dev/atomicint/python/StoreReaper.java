package dev.atomicint.python;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread, alive only while some {@link IdleClosingEngine} is open, that closes each
 * after {@link #IDLE_NANOS} without a call. It holds the open ones only: a closed one is dropped,
 * so an engine whose context is gone is garbage once idle.
 */
final class StoreReaper {

    /** How long an engine stays open without a call. */
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** How often the reaper looks. */
    private static final long PERIOD_MILLIS = 250;

    private static final Set<IdleClosingEngine> OPEN = ConcurrentHashMap.newKeySet();
    private static Thread thread; // guarded by StoreReaper.class

    private StoreReaper() {}

    /** Watches {@code engine} until it is closed; starts the thread if none runs. */
    static void watch(IdleClosingEngine engine) {
        OPEN.add(engine);
        synchronized (StoreReaper.class) {
            if (thread == null) {
                thread = new Thread(StoreReaper::run, "atomicint-store-reaper");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    private static void run() {
        for (;;) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                // nobody interrupts this thread but to stop the JVM: look once more, then carry on
            }
            OPEN.removeIf(engine -> engine.closeIfIdle(IDLE_NANOS));
            synchronized (StoreReaper.class) {
                if (OPEN.isEmpty()) { // a later watch() adds first, then finds thread == null and starts one
                    thread = null;
                    return;
                }
            }
        }
    }
}

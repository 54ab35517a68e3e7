package dev.atomicint.python;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What tests of the {@link SwitchClock} look at: its threads, and a condition awaited. */
final class SwitchClocks {

    private SwitchClocks() {}

    /** The live clock threads. */
    static List<Thread> threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(SwitchClock.THREAD_NAME))
                .toList();
    }

    /** Whether {@code condition} holds within {@code seconds}, polled every 5 ms. */
    static boolean within(int seconds, BooleanSupplier condition) throws InterruptedException {
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < limit) {
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }
}

package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicIntStore;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** The engines' client libraries are optional dependencies: an application without one is told which to add. */
class MissingClientTest {

    @Test
    void aRedisStoreWithoutJedisOnTheClassPathNamesTheLibraryToAdd() throws Exception {
        assertConnectNamesTheMissingLibrary("redis://127.0.0.1:1/0", "redis.clients:jedis");
    }

    @Test
    void aZooKeeperStoreWithoutCuratorOnTheClassPathNamesTheLibraryToAdd() throws Exception {
        assertConnectNamesTheMissingLibrary("zookeeper://127.0.0.1:1/atomicint", "org.apache.curator:curator-framework");
    }

    /** Connects from a class loader that has atomicint's classes and nothing else (no engine client). */
    private static void assertConnectNamesTheMissingLibrary(String address, String library) throws Exception {
        URL atomicintOnly = AtomicIntStore.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader application = new URLClassLoader(new URL[] {atomicintOnly}, ClassLoader.getPlatformClassLoader())) {
            Class<?> store = application.loadClass(AtomicIntStore.class.getName());
            InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                    () -> store.getMethod("connect", String.class).invoke(null, address));
            Throwable error = thrown.getCause();
            assertEquals(StoreException.class.getName(), error.getClass().getName());
            assertTrue(error.getMessage().contains(library), error.getMessage());
        }
    }
}

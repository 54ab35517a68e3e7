package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicIntStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code zookeeper://user:password@...}: a digest identity whose nodes (the chroot's included) are
 * its own (CREATOR_ALL_ACL); another identity, or none, can neither read nor change them, and is
 * told so by a StoreException. On a real 3-server ensemble.
 */
@Timeout(180)
class ZooKeeperAclTest {

    private static ZooKeeperEnsemble ensemble;

    @BeforeAll
    static void startEnsemble() {
        ensemble = ZooKeeperEnsemble.start();
    }

    @AfterAll
    static void stopEnsemble() throws Exception {
        ensemble.close();
    }

    private static String url(String credentials, String chroot) {
        return "zookeeper://" + credentials + ensemble.connectString() + "/" + chroot + "?timeout=5000";
    }

    @Test
    void theIdentityThatCreatedANodeReadsAndChangesIt() {
        try (AtomicIntStore alice = AtomicIntStore.connect(url("alice:secret@", "acl-own"))) {
            alice.atomicInt("n").addAndGet(5);
        }
        try (AtomicIntStore again = AtomicIntStore.connect(url("alice:secret@", "acl-own"))) {
            assertEquals(6, again.atomicInt("n").incrementAndGet());
        }
    }

    @Test
    void anotherIdentityCanNeitherReadNorChangeIt() {
        try (AtomicIntStore alice = AtomicIntStore.connect(url("alice:secret@", "acl-other"))) {
            alice.atomicInt("n").set(7);
        }
        for (String stranger : new String[] {"bob:secret@", "alice:wrong@", ""}) {
            try (AtomicIntStore other = AtomicIntStore.connect(url(stranger, "acl-other"))) {
                StoreException read = assertThrows(StoreException.class, () -> other.atomicInt("n").get());
                assertTrue(read.getMessage().contains("ACL does not allow"), read.getMessage());
                StoreException write = assertThrows(StoreException.class, () -> other.atomicInt("n").set(0));
                assertTrue(write.getMessage().contains("ACL does not allow"), write.getMessage());
                assertThrows(StoreException.class, () -> other.atomicInt("fresh").add(1), "a new node under another's chroot");
            }
        }
        try (AtomicIntStore alice = AtomicIntStore.connect(url("alice:secret@", "acl-other"))) {
            assertEquals(7, alice.atomicInt("n").get(), "a refused identity changed the value");
        }
    }

    @Test
    void theAddressShownCarriesNoCredentials() {
        try (AtomicIntStore alice = AtomicIntStore.connect(url("alice:secret@", "acl-shown"))) {
            assertTrue(!alice.address().contains("secret") && !alice.address().contains("alice"), alice.address());
        }
    }
}

package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.atomicint.AtomicIntStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code rediss://}: TLS to a real redis-server started with {@code --tls-port} and certificates
 * openssl makes here. The server's certificate is verified (authority, validity dates, host name)
 * and each failure is a StoreException saying which; mutual TLS works when the address gives a
 * client certificate and fails clearly when a server requires one and none is given.
 */
@Timeout(120)
class RedisTlsTest {

    private static TestCertificates certs;
    private static RedisServer server;
    private static RedisServer expired;
    private static RedisServer wrongName;
    private static RedisServer mutual;

    @BeforeAll
    static void startServers() throws Exception {
        assumeTrue(TestCertificates.opensslAvailable(), "needs openssl to make test certificates");
        certs = TestCertificates.create()
                .issue("server", "ca", "IP:127.0.0.1,DNS:localhost", 30)
                .issue("expired", "ca", "IP:127.0.0.1", 0)
                .issue("elsewhere", "ca", "DNS:redis.example.org", 30)
                .issue("client", "ca", "DNS:client", 30);
        server = tls("server", false);
        expired = tls("expired", false);
        wrongName = tls("elsewhere", false);
        mutual = tls("server", true);
    }

    private static RedisServer tls(String name, boolean clientCertificates) {
        return RedisServer.startTls(certs.file(name + ".pem"), certs.file(name + ".key"), certs.file("ca.pem"), clientCertificates);
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (RedisServer s : new RedisServer[] {server, expired, wrongName, mutual}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static String ca(String name) {
        return "ca=" + certs.file(name + ".pem");
    }

    @Test
    void aServerSignedByTheGivenAuthorityIsReachedOverTls() {
        try (AtomicIntStore store = AtomicIntStore.connect(server.tlsUrl() + "?" + ca("ca"))) {
            store.atomicInt("tls").addAndGet(41);
            assertEquals(42, store.atomicInt("tls").incrementAndGet());
            assertTrue(store.address().startsWith("rediss://127.0.0.1:"), store.address());
        }
    }

    @Test
    void aServerSignedByAnotherAuthorityIsRefused() {
        assertRefused(server.tlsUrl() + "?" + ca("other-ca"), "not signed by a trusted authority");
    }

    @Test
    void withoutCaTheJvmTrustStoreIsUsedAndRefusesATestAuthority() {
        assertRefused(server.tlsUrl(), "not signed by a trusted authority");
    }

    @Test
    void anExpiredCertificateIsRefused() {
        assertRefused(expired.tlsUrl() + "?" + ca("ca"), "validity dates");
    }

    @Test
    void aCertificateForAnotherHostIsRefused() {
        assertRefused(wrongName.tlsUrl() + "?" + ca("ca"), "does not name the host");
    }

    @Test
    void aServerRequiringAClientCertificateRefusesAClientWithoutOne() {
        assertRefused(mutual.tlsUrl() + "?" + ca("ca"), "client certificate");
    }

    @Test
    void aClientCertificateInTheAddressIsPresented() {
        String url = mutual.tlsUrl() + "?" + ca("ca") + "&cert=" + certs.file("client.pem") + "&key=" + certs.file("client.key");
        try (AtomicIntStore store = AtomicIntStore.connect(url)) {
            assertEquals(1, store.atomicInt("mutual").incrementAndGet());
        }
    }

    @Test
    void aPlainConnectionToTheTlsPortIsNotMistakenForAServer() {
        assertThrows(StoreException.class, () -> AtomicIntStore.connect(server.tlsUrl().replace("rediss:", "redis:") + "?timeout=1000").close());
    }

    @Test
    void aMissingCaFileIsNamed() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> AtomicIntStore.connect(server.tlsUrl() + "?ca=" + certs.file("absent.pem")));
        assertTrue(refused.getMessage().contains("absent.pem"), refused.getMessage());
    }

    private static void assertRefused(String url, String reason) {
        StoreException refused = assertThrows(StoreException.class, () -> AtomicIntStore.connect(url + (url.contains("?") ? "&" : "?")
                + "timeout=5000").close());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
        assertTrue(!refused.getMessage().contains("Exception:"), "a raw exception in: " + refused.getMessage());
    }
}

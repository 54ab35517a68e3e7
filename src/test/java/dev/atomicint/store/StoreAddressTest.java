package dev.atomicint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.AtomicIntStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Store addresses are parsed whole before anything is sent: each malformed part is named, each good form understood. */
class StoreAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1:6379                                | no scheme
            memcached://127.0.0.1:1                       | the scheme 'memcached'
            redis://                                      | an empty host
            redis:///0                                    | an empty host
            redis://:6379/0                               | an empty host
            redis://127.0.0.1:x/0                         | the port 'x'
            redis://127.0.0.1:0/0                         | the port 0
            redis://127.0.0.1:65536/0                     | the port 65536
            redis://127.0.0.1:6379/x                      | the database 'x'
            redis://127.0.0.1:6379/-1                     | the database '-1'
            redis://127.0.0.1:6379/0/1                    | the database '0/1'
            redis://127.0.0.1:6379/0?timeout=abc          | the timeout 'abc'
            redis://127.0.0.1:6379/0?timeout=0            | the timeout 0
            redis://127.0.0.1:6379/0?timeout=60001        | the timeout 60001
            redis://127.0.0.1:6379/0?timeout=5&timeout=6  | timeout given twice
            redis://127.0.0.1:6379/0?tls=true             | the parameter 'tls'
            redis://127.0.0.1:6379/0#x                    | a stray '#'
            redis://127.0.0.1:6379/0 x                    | a space
            redis://127.0.0.1;rm:6379/0                   | the host '127.0.0.1;rm'
            redis://h1:1,h2:2/0                           | more than one host
            redis://[::1/0                                | an IPv6 host without its closing ']'
            redis://[::1]x/0                              | stray text after the host
            redis://u:p%zz@127.0.0.1/0                    | a '%' in the password
            redis://u:p%0d%0aFLUSHALL@127.0.0.1/0         | a control character (such as CR or LF) in the password
            redis://u%00:p@127.0.0.1/0                    | a control character (such as CR or LF) in the user name
            redis://u:p%ff@127.0.0.1/0                    | not UTF-8
            redis://127.0.0.1:6379/0?ca=/tmp/ca.pem       | the parameter 'ca'
            rediss://127.0.0.1:6379/0?cert=/tmp/c.pem     | cert= without key=
            rediss://127.0.0.1:6379/0?ca=a&ca=b           | ca given twice
            rediss://h1:1,h2:2/0                          | more than one host
            redis-cluster://h1:1,h2:2/1                   | the database '1' (a Redis Cluster has database 0 only
            redis-cluster://h1:1,h2:2/0/x                 | the database '0/x'
            redis-cluster://h1:1,,h2:2                    | an empty host
            redis-cluster://h1:1?ca=/tmp/ca.pem           | the parameter 'ca'
            redis-cluster://h1:1?acks=65                  | the acks 65
            zookeeper://p@127.0.0.1:2181/app              | credentials without both
            zookeeper://127.0.0.1:2181,/app               | an empty host
            zookeeper://127.0.0.1:2181/app/               | ends with '/'
            zookeeper://127.0.0.1:2181/app/../other       | the chroot '/app/../other'
            zookeeper://127.0.0.1:2181//app               | the chroot '//app'
            zookeeper://127.0.0.1:2181/app?timeout=-5     | the timeout '-5'
            """)
    void aMalformedAddressIsRefusedNamingThePartThatIsWrong(String address, String named) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> StoreAddress.parse(address));
        assertTrue(refused.getMessage().contains(named), refused.getMessage());
    }

    @Test
    void aControlCharacterAnywhereIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StoreAddress.parse("redis://127.0.0.1:6379/0\r\nFLUSHALL"));
        assertTrue(refused.getMessage().contains("control character at index 24"), refused.getMessage());
        assertTrue(refused.getMessage().contains("\\u000d"), "the character is shown escaped: " + refused.getMessage());
    }

    @Test
    void aRefusalNeverShowsTheCredentials() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StoreAddress.parse("redis://admin:hunter2@127.0.0.1:6379/x"));
        assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
        assertFalse(refused.getMessage().contains("admin"), refused.getMessage());
    }

    @Test
    void theSchemeAndHostAreCaseInsensitive() {
        assertEquals("redis://localhost:6379/0", StoreAddress.parse("REDIS://LocalHost").toString());
        assertEquals("zookeeper://a:2181,b:2182/atomicint", StoreAddress.parse("ZooKeeper://A,b:2182").toString());
    }

    @Test
    void defaultsFillTheCanonicalForm() {
        StoreAddress redis = StoreAddress.parse("redis://127.0.0.1");
        assertEquals("redis://127.0.0.1:6379/0", redis.toString());
        assertEquals(StoreAddress.DEFAULT_TIMEOUT_MILLIS, redis.timeoutMillis());
        assertEquals("/atomicint", StoreAddress.parse("zookeeper://h").chroot());
        assertEquals("[::1]:6380", StoreAddress.parse("redis://[::1]:6380/2").endpoints().get(0).toString());
    }

    @Test
    void percentEncodedCredentialsAreDecodedReservedCharactersIncluded() {
        StoreAddress address = StoreAddress.parse("redis://us%40er:p%3Aa%2Fss%40word@127.0.0.1:6379/3?timeout=1500");
        assertEquals("us@er", address.user());
        assertEquals("p:a/ss@word", address.password());
        assertEquals(3, address.database());
        assertEquals(1500, address.timeoutMillis());
        assertEquals("redis://127.0.0.1:6379/3", address.toString(), "no credentials in the canonical form");
    }

    @Test
    void redissIsRedisOverTlsWithItsFiles() {
        StoreAddress address = StoreAddress.parse("REDISS://:pw@127.0.0.1/1?ca=/etc/ca%20dir/ca.pem&cert=/c.pem&key=/c.key");
        assertTrue(address.isTls());
        assertEquals("rediss://127.0.0.1:6379/1", address.toString());
        assertEquals("/etc/ca dir/ca.pem", address.tls().ca());
        assertEquals("/c.key", address.tls().key());
        assertFalse(address.sameStore(StoreAddress.parse("redis://127.0.0.1:6379/1")), "TLS and plain are different stores");
    }

    @Test
    void redisClusterNamesSeedNodesInOrderWithoutADatabase() {
        StoreAddress address = StoreAddress.parse("Redis-Cluster://u:p%40w@H1:7000,h2,[::1]:7002/0?timeout=900&acks=1");
        assertEquals(StoreAddress.Scheme.REDIS_CLUSTER, address.scheme());
        assertEquals("redis-cluster://h1:7000,h2:6379,[::1]:7002", address.toString(), "canonical: seeds in order, no credentials");
        assertEquals("p@w", address.password());
        assertEquals(900, address.timeoutMillis());
        assertEquals(1, address.acks());
        assertEquals(0, address.database());
        assertTrue(address.sameStore(StoreAddress.parse("redis-cluster://h1:7000,h2:6379,[::1]:7002")));
        assertFalse(address.sameStore(StoreAddress.parse("redis-cluster://h2:6379,h1:7000,[::1]:7002")), "another order is another grant");
        assertFalse(address.sameStore(StoreAddress.parse("redis://h1:7000/0")), "a node alone is another store");
    }

    @Test
    void aLoneUserInfoIsTheRedisPassword() {
        StoreAddress address = StoreAddress.parse("redis://secret@127.0.0.1/0");
        assertNull(address.user());
        assertEquals("secret", address.password());
    }

    @Test
    void sameStoreIgnoresCredentialsAndTimeoutButNotDatabaseOrHost() {
        StoreAddress granted = StoreAddress.parse("redis://:pw@127.0.0.1:6379/2");
        assertTrue(granted.sameStore(StoreAddress.parse("redis://127.0.0.1:6379/2?timeout=100")));
        assertFalse(granted.sameStore(StoreAddress.parse("redis://127.0.0.1:6379/3")));
        assertFalse(granted.sameStore(StoreAddress.parse("redis://localhost:6379/2")));
        assertEquals("pw", StoreAddress.parse("redis://127.0.0.1:6379/2").withCredentialsFrom(granted).password());
    }

    @Test
    void connectRefusesAMalformedAddressAsIllegalArgumentException() {
        assertThrows(IllegalArgumentException.class, () -> AtomicIntStore.connect("redis://127.0.0.1:6420/x"));
        assertThrows(IllegalArgumentException.class, () -> AtomicIntStore.connect("redis://localhost:6420/0?timeout=abc"));
    }
}

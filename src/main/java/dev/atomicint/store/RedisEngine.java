package dev.atomicint.store;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.function.Predicate;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * The {@link Engine} on Redis: one primary ({@code redis://[[user:]password@]host[:port][/db][?timeout=ms]},
 * over TLS, or named by Sentinels) or a cluster's ({@link RedisCluster}: each key on its slot's primary,
 * {@code MOVED} and {@code ASK} followed), through pools of Jedis connections. The value is the decimal text at the key, so {@code GET}
 * reads it and other clients' {@code INCRBY} keeps working while it fits in 64 bits.
 *
 * <ul>
 *   <li>{@link #tryAdd}: {@code INCRBY}, one round trip; Redis refuses it, changing nothing, when
 *       the value or the result does not fit in 64 bits (or is no integer), and the caller falls
 *       back to compare-and-exchange.
 *   <li>{@link #compareAndExchange}: a Lua script run with {@code EVALSHA} (Redis 6.2+; no
 *       Functions): sets the key if its text is still the expected one, else answers the current
 *       text. Comparing texts, not versions, is sound: a text is a value, so ABA changes nothing.
 *   <li>{@link #getAndSet}: a script too, so that a key holding something else is never overwritten.
 * </ul>
 *
 * A connection that fails is dropped from the pool, so the next call connects afresh. A request
 * whose answer never came back throws {@link OutcomeUnknownException} when it was an update. A
 * redirection ({@code MOVED}, {@code ASK}) means the server ran nothing, so the command is sent to
 * the server named, up to {@value #MAX_REDIRECTIONS} times; every script names one key.
 */
public final class RedisEngine implements Engine {

    /** An absent key's text, as the scripts see it: never a stored value (the scripts store integers only). */
    private static final String ABSENT = "";

    /** One daemon thread, alive while there are failed connections to give back (see {@link #discard}). */
    private static final ExecutorService DISCARDS = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            task -> {
                Thread thread = new Thread(task, "atomicint-redis-discard");
                thread.setDaemon(true);
                return thread;
            });

    /** How many redirections one call follows before it gives up, having changed nothing (a slot moved back and forth). */
    static final int MAX_REDIRECTIONS = 5;

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    /** Sets v to the key's text ('' for absent), refusing a text too long for a capped value before it is sent. */
    private static final String NOT_INTEGER_CHECK = """
            local n = redis.call('STRLEN', KEYS[1])
            if n > %d then return redis.error_reply('ATOMICINT_TOO_LARGE ' .. n) end
            local v = redis.call('GET', KEYS[1])
            if v == false then v = '' elseif not string.match(v, '^%%-?%%d+$') then
              return redis.error_reply('ATOMICINT_NOT_AN_INTEGER')
            end
            """.formatted(StoredText.MAX_LENGTH);

    /** The key's text, as GET answers it, unless it is too long for a capped value (its length is asked first). */
    private static final String GET_SCRIPT = """
            local n = redis.call('STRLEN', KEYS[1])
            if n > %d then return redis.error_reply('ATOMICINT_TOO_LARGE ' .. n) end
            return redis.call('GET', KEYS[1])
            """.formatted(StoredText.MAX_LENGTH);

    /** KEYS[1] = ARGV[2] if its text is ARGV[1] ('' for absent): 1, else the current text. */
    private static final String CAS_SCRIPT = NOT_INTEGER_CHECK + """
            if v == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end
            return v
            """;

    /** KEYS[1] = ARGV[1]; returns the previous text ('' for absent). */
    private static final String GET_AND_SET_SCRIPT = NOT_INTEGER_CHECK + """
            redis.call('SET', KEYS[1], ARGV[1])
            return v
            """;

    private final String address;
    private final RedisServers servers;
    private final int acks;
    private final int timeoutMillis;
    private final Script get;
    private final Script cas;
    private final Script getAndSet;

    private RedisEngine(StoreAddress address, RedisServers servers) {
        this.address = address.toString();
        this.servers = servers;
        this.acks = address.acks();
        this.timeoutMillis = address.timeoutMillis();
        this.get = new Script(GET_SCRIPT);
        this.cas = new Script(CAS_SCRIPT);
        this.getAndSet = new Script(GET_AND_SET_SCRIPT);
    }

    /**
     * Connects to the Redis server at {@code address} with a pool of at most {@code maxConnections}
     * connections, and checks that it answers; a server that cannot be reached throws {@link
     * StoreException} naming the address.
     */
    public static RedisEngine connect(StoreAddress address, int maxConnections) {
        if (address.scheme() == StoreAddress.Scheme.ZOOKEEPER) {
            throw new IllegalArgumentException("not a redis://, rediss://, redis-sentinel:// or redis-cluster:// address: " + address);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
        RedisEngine engine = new RedisEngine(address, address.scheme() == StoreAddress.Scheme.REDIS_CLUSTER
                ? RedisCluster.of(address, maxConnections) : RedisPrimary.of(address, maxConnections));
        try {
            engine.call(null, "PING", (jedis, asking) -> jedis.ping(), null);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    @Override
    public Snapshot read(String key) {
        return snapshot(key, (String) call(key, "GET " + key, (jedis, asking) -> get.run(jedis, asking, key), null));
    }

    @Override
    public Snapshot compareAndExchange(String key, Snapshot expected, BigInteger newValue) {
        Object answer = call(key, "compare-and-set", (jedis, asking) -> cas.run(jedis, asking, key, (String) expected.version(),
                newValue.toString()), done -> done instanceof Long);
        return answer instanceof Long ? null : snapshot(key, scriptText((String) answer));
    }

    @Override
    public Snapshot assumed(BigInteger value) {
        return new Snapshot(value, value.toString()); // the canonical text: what this engine writes
    }

    @Override
    public BigInteger getAndSet(String key, BigInteger newValue) {
        String previous = (String) call(key, "set", (jedis, asking) -> getAndSet.run(jedis, asking, key, newValue.toString()), done -> true);
        return snapshot(key, scriptText(previous)).value();
    }

    @Override
    public Long tryAdd(String key, long delta) {
        try {
            return (Long) call(key, "INCRBY", (jedis, asking) -> jedis.incrBy(key, delta), done -> true);
        } catch (RedisRefused e) {
            return null; // "not an integer or out of range", "would overflow": nothing changed
        }
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void close() {
        servers.close();
    }

    @Override
    public String toString() {
        return "RedisEngine[" + address + "]";
    }

    /** A script's answer for the key's text: '' stands for absent (a stored '' is refused by the script). */
    private static String scriptText(String answer) {
        return answer.equals(ABSENT) ? null : answer;
    }

    /** The snapshot of a key's text, null when absent. */
    private Snapshot snapshot(String key, String text) {
        if (text == null) {
            return new Snapshot(BigInteger.ZERO, ABSENT);
        }
        StoredText.checkLength(text.length(), where(key)); // before the pattern runs over a text of any length
        if (!INTEGER.matcher(text).matches()) {
            throw notAnInteger(key);
        }
        return new Snapshot(StoredText.parse(text, where(key)), text);
    }

    private String where(String key) {
        return "the Redis key '" + key + "' at " + address;
    }

    private NotAnIntegerException notAnInteger(String key) {
        return new NotAnIntegerException("the Redis key '" + key + "' at " + address
                + " holds something other than a decimal integer; it was left unchanged");
    }

    /** A command on one connection; {@code asking}: ASKING came just before it, and must come again before a retry on it. */
    @FunctionalInterface
    private interface Command {
        Object run(Jedis jedis, boolean asking);
    }

    /**
     * Runs {@code command} on the server that holds {@code key}, following redirections. A read
     * ({@code applied} null) that fails surely changed nothing; an update that fails after it was
     * sent leaves its outcome unknown. With {@code acks=n}, an update that {@code applied} (judged
     * from the answer) counts as done only once n replicas have it ({@code WAIT}); fewer within the
     * timeout leave its outcome unknown.
     */
    private Object call(String key, String what, Command command, Predicate<Object> applied) {
        JedisPool pool = servers.poolFor(key);
        boolean asking = false;
        for (int redirections = 0; ; redirections++) {
            Jedis jedis = connection(pool);
            Object answer;
            long replicas = acks;
            try {
                if (asking) {
                    jedis.asking(); // the importing node serves the next command for a slot it does not own yet
                }
                answer = command.run(jedis, asking);
                if (applied != null && acks > 0 && applied.test(answer)) {
                    replicas = jedis.waitReplicas(acks, timeoutMillis);
                }
                jedis.close();
            } catch (JedisRedirectionException e) {
                jedis.close();
                pool = redirected(key, what, e, redirections);
                asking = e instanceof JedisAskDataException;
                continue;
            } catch (JedisConnectionException e) {
                discard(pool, jedis);
                if (applied == null) {
                    String tlsFailure = TlsFailures.describe(e);
                    throw new StoreException(what + " failed at " + address + ": " + (tlsFailure != null ? tlsFailure : e.getMessage()), e);
                }
                throw new OutcomeUnknownException(what + " of '" + key + "' at " + address
                        + ": the connection failed before the answer came (" + e.getMessage()
                        + "); the update may or may not have been applied", e);
            } catch (JedisDataException e) {
                jedis.close();
                refusedBy(pool, e);
                throw refusal(key, what, e);
            } catch (RuntimeException | Error e) {
                discard(pool, jedis);
                throw e;
            }
            if (replicas < acks) {
                throw new OutcomeUnknownException(what + " of '" + key + "' at " + address + ": applied on the primary, but only "
                        + replicas + " of " + acks + " replicas acknowledged it within " + timeoutMillis
                        + " ms (acks=" + acks + "); a failover may lose it", null);
            }
            return answer;
        }
    }

    /** The pool of the server a redirection names; StoreException (nothing applied) past the limit, or off a cluster. */
    private JedisPool redirected(String key, String what, JedisRedirectionException e, int redirections) {
        JedisPool target = redirections < MAX_REDIRECTIONS ? servers.redirected(e) : null;
        if (target != null) {
            return target;
        }
        throw new StoreException(what + " of '" + key + "' at " + address + ": " + (redirections < MAX_REDIRECTIONS
                ? "the server is a Redis Cluster node (" + e.getMessage() + "); open the cluster as redis-cluster://nodes"
                : "redirected " + MAX_REDIRECTIONS + " times (" + e.getMessage() + "), the cluster's slots keep moving")
                + "; nothing was applied", e);
    }

    /** A server that refuses writes as a replica (READONLY) was demoted: ask the sentinels again. */
    private void refusedBy(JedisPool pool, JedisDataException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("READONLY")) {
            servers.failed(pool);
        }
    }

    /**
     * Gives a failed connection back to its pool as broken, off the caller's thread: its socket is
     * closed at once (so nothing more is sent on it), but the pool replaces an invalidated
     * connection straight away (commons-pool's {@code invalidateObject} calls {@code addObject}),
     * and on a stalled server that new connection's handshake waits a full timeout; the caller
     * has its answer after one. With Sentinels, the failure makes them be asked for the master.
     */
    private void discard(JedisPool pool, Jedis jedis) {
        try {
            jedis.disconnect();
        } catch (RuntimeException alreadyBroken) {
            // the socket is gone either way
        }
        DISCARDS.execute(() -> {
            try {
                pool.returnBrokenResource(jedis);
            } catch (RuntimeException replacementFailed) {
                // the pool makes one on the next borrow
            }
        });
        servers.failed(pool);
    }

    /** A connection from {@code pool}; failing to get one means nothing was sent. */
    private Jedis connection(JedisPool pool) {
        if (servers.isClosed()) {
            throw new StoreException("the store " + address + " is closed");
        }
        try {
            return pool.getResource();
        } catch (JedisException e) {
            servers.failed(pool);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String tlsFailure = TlsFailures.describe(e);
            if (tlsFailure == null && address.startsWith("rediss:") && closedByPeer(cause)) { // TLS 1.3: a refused client certificate closes the connection after the handshake
                tlsFailure = "TLS: the server closed the connection as it was set up (" + cause.getMessage()
                        + "); a server that requires a client certificate does so: give cert=file&key=file";
            }
            throw new StoreException("cannot connect to " + address + ": " + (tlsFailure != null ? tlsFailure : cause.getMessage()), e);
        } catch (IllegalStateException e) {
            throw new StoreException("the store " + address + " is closed", e);
        }
    }

    /** Whether the server closed the connection under the client (reset, broken pipe, end of stream). */
    private static boolean closedByPeer(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Broken pipe") || m.contains("Connection reset") || m.contains("end of stream") || m.contains("Unexpected end")) {
                return true;
            }
        }
        return false;
    }

    /** What Redis's error answer means: no integer at the key, the cap's ArithmeticException for a too long text, or a refusal. */
    private RuntimeException refusal(String key, String what, JedisDataException e) {
        String message = String.valueOf(e.getMessage());
        if (key != null && message.contains("ATOMICINT_NOT_AN_INTEGER")) {
            return notAnInteger(key);
        }
        if (key != null && message.contains("ATOMICINT_TOO_LARGE")) {
            return tooLarge(key, e);
        }
        return new RedisRefused(what + (key == null ? "" : " of '" + key + "'") + " refused by " + address + ": " + message, e);
    }

    /** The cap's ArithmeticException for a script's ATOMICINT_TOO_LARGE answer ("ATOMICINT_TOO_LARGE <length>"). */
    private ArithmeticException tooLarge(String key, JedisDataException e) {
        String message = e.getMessage();
        long length = Long.parseLong(message.substring(message.indexOf("ATOMICINT_TOO_LARGE") + "ATOMICINT_TOO_LARGE".length()).trim());
        ArithmeticException tooLarge = StoredText.tooLong(length, where(key));
        tooLarge.initCause(e);
        return tooLarge;
    }

    /** Redis answered with an error: the command did nothing. */
    private static final class RedisRefused extends StoreException {
        private static final long serialVersionUID = 1L;

        RedisRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A Lua script run by its SHA1, loaded again when the server has lost it (after a restart). */
    private static final class Script {
        private final String source;
        private volatile String sha; // volatile: published to every thread once loaded, reloaded on NOSCRIPT

        Script(String source) {
            this.source = source;
        }

        /** Runs the script on {@code key}; {@code asking}: ASKING came before this call, and comes again before a second EVALSHA. */
        Object run(Jedis jedis, boolean asking, String key, String... args) {
            String known = sha;
            if (known != null) {
                try {
                    return jedis.evalsha(known, List.of(key), List.of(args));
                } catch (JedisNoScriptException e) {
                    // the server has no such script, so it ran nothing: load it and run it below
                }
            }
            sha = jedis.scriptLoad(source);
            if (asking) {
                jedis.asking(); // a command since the engine's ASKING (the first EVALSHA, SCRIPT LOAD) used its flag up
            }
            return jedis.evalsha(sha, List.of(key), List.of(args));
        }
    }
}

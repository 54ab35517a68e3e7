package dev.atomicint.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A store address, parsed and checked whole before anything is sent:
 * {@code redis://[[user:]password@]host[:port][/db][?timeout=ms]}, the same over TLS as
 * {@code rediss://...[?timeout=ms][&ca=file][&cert=file&key=file]} (see {@link Tls}),
 * {@code redis-sentinel://[[user:]password@]sentinel[:port][,...]/master[/db][?timeout=ms][&acks=n]},
 * {@code redis-cluster://[[user:]password@]node[:port][,node[:port]...][?timeout=ms][&acks=n]}, or
 * {@code zookeeper://[user:password@]host[:port][,host[:port]...][/chroot][?timeout=ms]}. Schemes and host names
 * are case-insensitive. Every malformed part throws IllegalArgumentException naming that part;
 * control characters, spaces and non-ASCII text are refused anywhere, credentials included after
 * percent-decoding (so no CR/LF ever reaches a server). Immutable.
 *
 * <p>{@link #toString()} is the canonical address without credentials or timeout (default port,
 * database and chroot filled in): two addresses name the same store exactly when they are
 * {@link #sameStore}.
 */
public final class StoreAddress {

    /** The engines an address can name, with their default ports. */
    public enum Scheme {
        REDIS("redis", 6379),
        /** Redis over TLS. */
        REDISS("rediss", 6379),
        /** Redis through its Sentinels: the servers named are sentinels, the path names the master. */
        REDIS_SENTINEL("redis-sentinel", 26379),
        /** A Redis Cluster: the servers named are seed nodes, each key lives on its slot's primary (database 0 only). */
        REDIS_CLUSTER("redis-cluster", 6379),
        ZOOKEEPER("zookeeper", 2181);

        private final String text;
        private final int defaultPort;

        Scheme(String text, int defaultPort) {
            this.text = text;
            this.defaultPort = defaultPort;
        }

        /** The scheme as written in an address ({@code "redis"}). */
        public String text() {
            return text;
        }
    }

    /** A server: a host name or IP literal (lower case; IPv6 in brackets) and a port. */
    public record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** The shortest and longest timeout an address may ask for: no infinite wait (0), no wait of hours. */
    public static final int MIN_TIMEOUT_MILLIS = 1;
    public static final int MAX_TIMEOUT_MILLIS = 60_000;
    public static final int DEFAULT_TIMEOUT_MILLIS = 2000;

    private static final String DEFAULT_CHROOT = "/atomicint";
    private static final String FORMS = "redis://[[user:]password@]host[:port][/db][?timeout=ms],"
            + " rediss://...[?timeout=ms][&ca=file][&cert=file&key=file],"
            + " redis-sentinel://[[user:]password@]sentinel[:port][,sentinel[:port]...]/master[/db][?timeout=ms][&acks=n],"
            + " redis-cluster://[[user:]password@]node[:port][,node[:port]...][?timeout=ms][&acks=n]"
            + " or zookeeper://[user:password@]host[:port][,host[:port]...][/chroot][?timeout=ms]";

    private final Scheme scheme;
    private final String user;
    private final String password;
    private final List<Endpoint> endpoints;
    private final int database;
    private final String chroot;
    private final int timeoutMillis;
    private final Tls tls;
    private final String master;
    private final int acks;

    /**
     * A {@code rediss://} address's TLS files, each a path or null: {@code ca}, PEM certificates to
     * trust instead of the JVM's trust store; {@code cert} and {@code key}, a PEM certificate (chain)
     * and its unencrypted PKCS#8 PEM key, for servers that ask for a client certificate.
     */
    public record Tls(String ca, String cert, String key) {
        static final Tls NONE = new Tls(null, null, null);

        /** Whether it names any file. */
        public boolean namesFiles() {
            return ca != null || cert != null || key != null;
        }
    }

    private StoreAddress(Scheme scheme, String user, String password, List<Endpoint> endpoints, int database, String chroot,
            int timeoutMillis, Tls tls, String master, int acks) {
        this.scheme = scheme;
        this.user = user;
        this.password = password;
        this.endpoints = List.copyOf(endpoints);
        this.database = database;
        this.chroot = chroot;
        this.timeoutMillis = timeoutMillis;
        this.tls = tls;
        this.master = master;
        this.acks = acks;
    }

    /** Parses {@code address}; IllegalArgumentException names the part that is wrong (never its secret). */
    public static StoreAddress parse(String address) {
        Objects.requireNonNull(address, "address");
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw bad(address, "a " + (c == ' ' ? "space" : c < ' ' || c == 0x7f ? "control character" : "non-ASCII character")
                        + " at index " + i + " (percent-encode it in credentials)");
            }
        }
        int schemeEnd = address.indexOf("://");
        if (schemeEnd <= 0) {
            throw bad(address, "no scheme (expected " + FORMS + ")");
        }
        Scheme scheme = scheme(address, address.substring(0, schemeEnd));
        String rest = address.substring(schemeEnd + 3);
        if (rest.indexOf('#') >= 0) {
            throw bad(address, "a stray '#' (addresses have no fragment)");
        }
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? null : rest.substring(queryStart + 1);
        String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int pathStart = beforeQuery.indexOf('/');
        String authority = pathStart < 0 ? beforeQuery : beforeQuery.substring(0, pathStart);
        String path = pathStart < 0 ? "" : beforeQuery.substring(pathStart);

        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (scheme == Scheme.ZOOKEEPER && (colon <= 0 || colon == userInfo.length() - 1)) {
                throw bad(address, "credentials without both a user name and a password (zookeeper://user:password@...: a digest identity)");
            }
            if (colon < 0) {
                password = decoded(address, "password", userInfo);
            } else {
                user = colon == 0 ? null : decoded(address, "user name", userInfo.substring(0, colon));
                password = decoded(address, "password", userInfo.substring(colon + 1));
            }
        }
        List<Endpoint> endpoints = endpoints(address, scheme, authority);
        int database = 0;
        String chroot = null;
        String master = null;
        if (scheme == Scheme.ZOOKEEPER) {
            chroot = chroot(address, path);
        } else if (scheme == Scheme.REDIS_SENTINEL) {
            String[] parts = path.isEmpty() ? new String[] {""} : path.substring(1).split("/", -1);
            master = parts[0];
            if (master.isEmpty() || !master.matches("[A-Za-z0-9._-]+")) {
                throw bad(address, "the master name '" + master + "' (redis-sentinel://sentinels/master[/db])");
            }
            if (parts.length > 2) {
                throw bad(address, "the database '" + path.substring(1 + master.length() + 1) + "', which is not a whole number");
            }
            database = parts.length == 2 ? database(address, "/" + parts[1]) : 0;
        } else if (scheme == Scheme.REDIS_CLUSTER) {
            if (!path.isEmpty() && !path.equals("/") && !path.equals("/0")) {
                throw bad(address, "the database '" + path.substring(1) + "' (a Redis Cluster has database 0 only: redis-cluster://nodes)");
            }
        } else {
            database = database(address, path);
        }
        Map<String, String> parameters = parameters(address, scheme, query);
        int timeout = parameters.containsKey("timeout")
                ? number(address, "timeout", parameters.get("timeout"), MIN_TIMEOUT_MILLIS, MAX_TIMEOUT_MILLIS)
                : DEFAULT_TIMEOUT_MILLIS;
        Tls tls = new Tls(parameters.get("ca"), parameters.get("cert"), parameters.get("key"));
        if ((tls.cert() == null) != (tls.key() == null)) {
            throw bad(address, "cert= without key= or key= without cert= (a client certificate needs both)");
        }
        int acks = parameters.containsKey("acks") ? number(address, "acks", parameters.get("acks"), 0, 64) : 0;
        return new StoreAddress(scheme, user, password, endpoints, database, chroot, timeout, tls, master, acks);
    }

    private static Scheme scheme(String address, String text) {
        for (Scheme s : Scheme.values()) {
            if (s.text.equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw bad(address, "the scheme '" + text + "', for which there is no engine (expected " + FORMS + ")");
    }

    private static List<Endpoint> endpoints(String address, Scheme scheme, String authority) {
        if (authority.isEmpty()) {
            throw bad(address, "an empty host");
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (String server : authority.split(",", -1)) {
            endpoints.add(endpoint(address, scheme, server));
        }
        if ((scheme == Scheme.REDIS || scheme == Scheme.REDISS) && endpoints.size() > 1) {
            throw bad(address, "more than one host (a redis address names one server)");
        }
        return endpoints;
    }

    private static Endpoint endpoint(String address, Scheme scheme, String server) {
        String host;
        String port = null;
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            if (close < 0) {
                throw bad(address, "an IPv6 host without its closing ']'");
            }
            host = server.substring(0, close + 1);
            if (!host.substring(1, host.length() - 1).matches("[0-9A-Fa-f:.]+")) {
                throw bad(address, "the IPv6 host '" + host + "'");
            }
            String after = server.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw bad(address, "stray text after the host '" + host + "'");
                }
                port = after.substring(1);
            }
        } else {
            int colon = server.indexOf(':');
            host = colon < 0 ? server : server.substring(0, colon);
            port = colon < 0 ? null : server.substring(colon + 1);
            if (!host.matches("[A-Za-z0-9._-]*")) {
                throw bad(address, "the host '" + host + "' (letters, digits, '.', '-', '_' or an [IPv6] literal)");
            }
        }
        if (host.isEmpty()) {
            throw bad(address, "an empty host");
        }
        return new Endpoint(host.toLowerCase(Locale.ROOT), port == null ? scheme.defaultPort : number(address, "port", port, 1, 65535));
    }

    private static int database(String address, String path) {
        if (path.isEmpty() || path.equals("/")) {
            return 0;
        }
        return number(address, "database", path.substring(1), 0, Integer.MAX_VALUE);
    }

    private static String chroot(String address, String path) {
        if (path.isEmpty() || path.equals("/")) {
            return DEFAULT_CHROOT;
        }
        if (path.endsWith("/")) {
            throw bad(address, "the chroot '" + path + "' ends with '/'");
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('%') >= 0) {
                throw bad(address, "the chroot '" + path + "' (empty, '.', '..' or percent-encoded segments are refused)");
            }
        }
        return path;
    }

    /** The query's parameters: timeout everywhere; ca, cert and key (percent-decoded paths) for rediss only. */
    private static Map<String, String> parameters(String address, Scheme scheme, String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        List<String> known = switch (scheme) {
            case REDIS, REDIS_SENTINEL, REDIS_CLUSTER -> List.of("timeout", "acks");
            case REDISS -> List.of("timeout", "acks", "ca", "cert", "key");
            case ZOOKEEPER -> List.of("timeout");
        };
        for (String parameter : query.split("&", -1)) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            if (!known.contains(name) || equals < 0) {
                throw bad(address, "the parameter '" + name + "' (known for " + scheme.text + ": "
                        + String.join("=..., ", known) + "=...)");
            }
            String value = parameter.substring(equals + 1);
            boolean number = name.equals("timeout") || name.equals("acks");
            if (parameters.put(name, number ? value : decoded(address, name + " file", value)) != null) {
                throw bad(address, name + " given twice");
            }
        }
        return parameters;
    }

    private static int number(String address, String part, String text, int min, int max) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(address, "the " + part + " '" + text + "', which is not a whole number in " + min + ".." + max);
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            throw bad(address, "the " + part + " " + value + ", outside " + min + ".." + max
                    + (part.equals("timeout") ? " milliseconds (there is no infinite timeout)" : ""));
        }
        return (int) value;
    }

    /** Percent-decodes a credential (UTF-8), refusing bad escapes and control characters: nothing but it is sent. */
    private static String decoded(String address, String part, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw bad(address, "a '%' in the " + part + " not followed by two hexadecimal digits");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw bad(address, "a '%' in the " + part + " not followed by two hexadecimal digits");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        String value;
        try {
            value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw bad(address, "the " + part + ", which is not UTF-8 once percent-decoded");
        }
        if (value.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            throw bad(address, "a control character (such as CR or LF) in the " + part + " once percent-decoded");
        }
        return value;
    }

    /** The message names the address without its credentials, and what is wrong with it. */
    private static IllegalArgumentException bad(String address, String what) {
        return new IllegalArgumentException("bad store address " + withoutCredentials(address) + ": " + what);
    }

    /** {@code address} with everything between "://" and the last '@' of its authority masked. */
    private static String withoutCredentials(String address) {
        int start = address.indexOf("://");
        if (start < 0) {
            return "'" + abbreviated(address) + "'";
        }
        int end = address.indexOf('/', start + 3);
        String authority = end < 0 ? address.substring(start + 3) : address.substring(start + 3, end);
        int at = authority.lastIndexOf('@');
        String shown = at < 0 ? address : address.substring(0, start + 3) + "***@" + address.substring(start + 3 + at + 1);
        return "'" + abbreviated(shown) + "'";
    }

    private static String abbreviated(String text) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length() && shown.length() < 200; i++) {
            char c = text.charAt(i);
            shown.append(c < ' ' || c >= 0x7f ? String.format("\\u%04x", (int) c) : c);
        }
        return text.length() > 200 ? shown + "..." : shown.toString();
    }

    public Scheme scheme() {
        return scheme;
    }

    /** The user name, or null. */
    public String user() {
        return user;
    }

    /** The password, or null. */
    public String password() {
        return password;
    }

    /** The servers, in the order given. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The Redis database number (0 for ZooKeeper and Redis Cluster). */
    public int database() {
        return database;
    }

    /** The ZooKeeper chroot ({@code /atomicint} when none is given); null for Redis. */
    public String chroot() {
        return chroot;
    }

    public int timeoutMillis() {
        return timeoutMillis;
    }

    /** The Sentinel master name ({@code redis-sentinel://}), else null. */
    public String master() {
        return master;
    }

    /**
     * How many replicas must acknowledge an update before it counts as done (Redis {@code WAIT});
     * 0 (the default): the primary's answer is enough.
     */
    public int acks() {
        return acks;
    }

    /** Whether the connection is TLS ({@code rediss://}). */
    public boolean isTls() {
        return scheme == Scheme.REDISS;
    }

    /** The TLS files the address names (none but for {@code rediss://}). */
    public Tls tls() {
        return tls;
    }

    /** Whether both name the same store: engine, servers (in order), database or chroot; credentials and timeout aside. */
    public boolean sameStore(StoreAddress other) {
        return toString().equals(other.toString());
    }

    /** This address with {@code other}'s credentials where this one has none, and {@code other}'s TLS files. */
    public StoreAddress withCredentialsFrom(StoreAddress other) {
        boolean own = user != null || password != null;
        return new StoreAddress(scheme, own ? user : other.user, own ? password : other.password, endpoints, database, chroot,
                timeoutMillis, other.tls, master, Math.max(acks, other.acks));
    }

    /** The servers as ZooKeeper's connect string: {@code host:port,host:port}. */
    public String connectString() {
        StringBuilder s = new StringBuilder();
        for (Endpoint e : endpoints) {
            s.append(s.isEmpty() ? "" : ",").append(e);
        }
        return s.toString();
    }

    /**
     * The canonical address without credentials or timeout: {@code redis://127.0.0.1:6379/0}; a
     * cluster's has no database ({@code redis-cluster://127.0.0.1:7000,127.0.0.1:7001}).
     */
    @Override
    public String toString() {
        return scheme.text + "://" + connectString() + switch (scheme) {
            case ZOOKEEPER -> chroot;
            case REDIS_SENTINEL -> "/" + master + "/" + database;
            case REDIS_CLUSTER -> "";
            default -> "/" + database;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreAddress a && sameStore(a) && Objects.equals(user, a.user) && Objects.equals(password, a.password)
                && timeoutMillis == a.timeoutMillis && tls.equals(a.tls) && acks == a.acks;
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}

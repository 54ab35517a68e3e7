package dev.atomicint.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server for tests, on a free loopback port in a fresh directory: Debian's when
 * {@code redis-server} is on the PATH, else the Linux binary the embedded-redis jar carries
 * (extracted to target/redis). {@link #kill()} sends SIGKILL; {@link #restart()} starts it again
 * on the same port and directory (so an append-only file is replayed).
 */
public final class RedisServer implements StoreServer {

    private static final String EMBEDDED = "redis-server-6.2.6-v5-linux-amd64";

    private final Path binary;
    private final Path dir;
    private final int port;
    private final List<String> options;
    private int tlsPort = -1;
    private Path sentinelConfig; // non-null for a sentinel: redis-server CONFIG --sentinel
    private Process process;

    private RedisServer(Path binary, Path dir, int port, List<String> options) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.options = options;
    }

    /** Starts a server with no persistence. */
    public static RedisServer start() {
        return start(List.of("--save", "", "--appendonly", "no"));
    }

    /** Starts a server that logs every write to its append-only file and fsyncs it before answering. */
    public static RedisServer startDurable() {
        return start(List.of("--save", "", "--appendonly", "yes", "--appendfsync", "always"));
    }

    /**
     * Starts a server that also listens for TLS, with the certificate {@code cert} and its key; it
     * trusts client certificates signed by {@code ca} and, if {@code clientCertificates}, requires one.
     */
    public static RedisServer startTls(Path cert, Path key, Path ca, boolean clientCertificates) {
        try {
            int tlsPort = freePort();
            RedisServer server = start(List.of("--save", "", "--appendonly", "no", "--tls-port", Integer.toString(tlsPort),
                    "--tls-cert-file", cert.toString(), "--tls-key-file", key.toString(), "--tls-ca-cert-file", ca.toString(),
                    "--tls-auth-clients", clientCertificates ? "yes" : "no"));
            server.tlsPort = tlsPort;
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a node of a Redis Cluster, in no cluster yet: {@link LocalRedisCluster} joins nodes and gives them slots. */
    public static RedisServer startClusterNode() {
        return start(clusterPort(), List.of("--save", "", "--appendonly", "no", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", "5000"));
    }

    /** Starts a replica of {@code primary}. */
    public static RedisServer startReplicaOf(RedisServer primary) {
        return start(List.of("--save", "", "--appendonly", "no", "--replicaof", "127.0.0.1", Integer.toString(primary.port)));
    }

    /**
     * Starts a Sentinel that watches {@code primary} as the master {@code name}, with a quorum of
     * {@code quorum}; it takes the master for down after 1 s without an answer.
     */
    public static RedisServer startSentinel(RedisServer primary, String name, int quorum) {
        try {
            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sentinel-");
            Path config = dir.resolve("sentinel.conf");
            Files.writeString(config, String.join("\n",
                    "sentinel monitor " + name + " 127.0.0.1 " + primary.port + " " + quorum,
                    "sentinel down-after-milliseconds " + name + " 1000",
                    "sentinel failover-timeout " + name + " 5000",
                    "sentinel parallel-syncs " + name + " 1", ""));
            RedisServer sentinel = new RedisServer(binary(), dir, freePort(), List.of());
            sentinel.sentinelConfig = config;
            sentinel.launch();
            return sentinel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code rediss://127.0.0.1:<tls port>/0}, for a server started by {@link #startTls}. */
    public String tlsUrl() {
        return "rediss://127.0.0.1:" + tlsPort + "/0";
    }

    private static RedisServer start(List<String> options) {
        try {
            return start(freePort(), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RedisServer start(int port, List<String> options) {
        try {
            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "redis-");
            RedisServer server = new RedisServer(binary(), dir, port, options);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>/0}. */
    @Override
    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** SIGKILL: the server dies at once, with no chance to flush anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP ({@code stopped}) or SIGCONT: a stalled server keeps its connections open and answers nothing. */
    public void stall(boolean stopped) throws IOException, InterruptedException {
        new ProcessBuilder("kill", stopped ? "-STOP" : "-CONT", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Starts the server again on the same port and directory. */
    public void restart() {
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) { // SIGKILL ends a stopped process too
            kill();
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        if (sentinelConfig != null) {
            command.addAll(List.of(sentinelConfig.toString(), "--sentinel"));
        }
        command.addAll(List.of("--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--protected-mode", "yes", "--daemonize", "no"));
        command.addAll(options);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-server did not start on port " + port + "; see " + dir.resolve("redis.log"));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] answer = socket.getInputStream().readNBytes(7);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    /** A free port for a cluster node: at most 55535, with its cluster bus port (10000 higher) free too. */
    private static int clusterPort() {
        try {
            for (int attempt = 0; attempt < 100; attempt++) {
                int port = freePort();
                if (port <= 55535) {
                    try (ServerSocket bus = new ServerSocket(port + 10000, 1, java.net.InetAddress.getLoopbackAddress())) {
                        return port;
                    } catch (IOException busTaken) {
                        // try another
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no free port at most 55535 with a free cluster bus port");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** redis-server on the PATH, else the embedded-redis jar's Linux binary, extracted once. */
    static synchronized Path binary() throws IOException {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path extracted = Path.of("target", "redis", "redis-server").toAbsolutePath();
        if (!Files.isExecutable(extracted)) {
            Files.createDirectories(extracted.getParent());
            try (InputStream in = RedisServer.class.getClassLoader().getResourceAsStream(EMBEDDED)) {
                if (in == null) {
                    throw new IOException("no redis-server on the PATH and no " + EMBEDDED + " on the class path (embedded-redis)");
                }
                Path partial = Files.createTempFile(extracted.getParent(), "redis-server", ".part");
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                partial.toFile().setExecutable(true);
                Files.move(partial, extracted, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return extracted;
    }
}

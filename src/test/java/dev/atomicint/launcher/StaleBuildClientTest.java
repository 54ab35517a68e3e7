package dev.atomicint.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client of {@code bin/atomicint-python} never talks to the server of another build: it finds
 * the server by a key of the build's class digest, its JDK and the executable's real path, and
 * while a source is newer than the build it uses no server at all (the direct run rebuilds first). Run on
 * a build tree of the test's own, with a socket the test listens on in the old build's place, so
 * that nothing is rebuilt.
 */
class StaleBuildClientTest {

    private static final Path CLIENT = Path.of("bin/atomicint-client.py").toAbsolutePath();
    private static final String CALLED_AS = "/opt/example/bin/atomicint-python";
    private static final String JAVA_HOME = "/opt/example/jdk";

    @TempDir
    Path root;

    @TempDir
    Path runtime;

    private Path graal;
    private Path source;

    @BeforeEach
    void aBuiltTree() throws IOException {
        graal = Files.createDirectories(root.resolve("target/graal"));
        source = Files.createDirectories(root.resolve("src/main/java")).resolve("A.java");
        Files.writeString(source, "class A {}");
        Files.createDirectories(root.resolve("python/atomicint"));
        Files.createDirectories(root.resolve("bin"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        build("digest-1");
        FileTime before = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        for (Path p : new Path[] {source, root.resolve("pom.xml")}) {
            Files.setLastModifiedTime(p, before);
        }
    }

    /** What bin/atomicint-java leaves after a build: its stamp (the JDK) and the class digest. */
    private void build(String digest) throws IOException {
        Files.writeString(graal.resolve(".classes-digest"), digest + "\n");
        Files.writeString(graal.resolve(".built"), JAVA_HOME + "\n");
    }

    @Test
    void theClientAsksTheServerOfItsOwnBuild() throws Exception {
        try (Listener server = new Listener(socketOf("digest-1"))) {
            String out = status();
            assertEquals(1, server.connections(), out);
            assertTrue(out.contains("server pid 1"), out);
        }
    }

    @Test
    void whileASourceIsNewerThanTheBuildTheClientAsksNoServer() throws Exception {
        try (Listener server = new Listener(socketOf("digest-1"))) {
            Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            String out = status();
            assertEquals(0, server.connections(), out);
            assertTrue(out.contains("no server runs for this build"), out);
        }
    }

    @Test
    void bytecodeWrittenBesideThePythonSourcesLeavesTheBuildCurrent() throws Exception {
        try (Listener server = new Listener(socketOf("digest-1"))) {
            Path cache = Files.createDirectories(root.resolve("python/atomicint/__pycache__"));
            Path bytecode = Files.writeString(cache.resolve("_protocol.cpython-311.pyc"), "");
            Files.setLastModifiedTime(bytecode, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            String out = status();
            assertEquals(1, server.connections(), "running the CPython suite writes such files: " + out);
        }
    }

    @Test
    void afterARebuildTheClientNeverAsksTheOldBuildsServer() throws Exception {
        try (Listener old = new Listener(socketOf("digest-1"))) {
            build("digest-2");
            String out = status();
            assertEquals(0, old.connections(), out);
            assertTrue(out.contains("no server runs for this build"), out);
        }
    }

    /**
     * The socket of a build's server: the key is the first 24 hex digits of the SHA-256 of its
     * digest, JDK and executable (real path: CALLED_AS is one, since it does not exist).
     */
    private Path socketOf(String digest) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256")
                .digest(String.join("\0", digest, JAVA_HOME, CALLED_AS).getBytes(StandardCharsets.UTF_8));
        String key = HexFormat.of().formatHex(hash).substring(0, 24);
        long uid = (Integer) Files.getAttribute(runtime, "unix:uid");
        Path directory = runtime.resolve("atomicint-" + uid);
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return directory.resolve("python-" + key + ".sock");
    }

    /** {@code --server-status} as bin/atomicint-python runs it for this tree; what it printed. */
    private String status() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("python3", "-I", "-S", CLIENT.toString(), root.toString(), CALLED_AS,
                root.resolve("pkg").toString(), "--server-status").redirectErrorStream(true);
        pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the client did not end");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** A socket in a server's place that answers a status request as a server would, and counts who asked. */
    private static final class Listener implements AutoCloseable {
        private final ServerSocketChannel channel;
        private final Path path;
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread thread;

        Listener(Path path) throws IOException {
            this.path = path;
            channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            channel.bind(UnixDomainSocketAddress.of(path));
            thread = new Thread(this::answer, "status listener");
            thread.setDaemon(true);
            thread.start();
        }

        private void answer() {
            while (true) {
                try (SocketChannel peer = channel.accept()) {
                    connections.incrementAndGet();
                    peer.read(ByteBuffer.allocate(4096));
                    peer.write(ByteBuffer.wrap("pid 1, up 0 s, 0 runs served".getBytes(StandardCharsets.UTF_8)));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws Exception {
            channel.close();
            thread.join(5_000);
            Files.deleteIfExists(path);
        }
    }
}

package dev.atomicint.store;

import dev.atomicint.AtomicIntStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A standalone ZooKeeper server in its own JVM on a free loopback port, so that it can be stalled
 * as a whole process (SIGSTOP: its connections stay open and nothing answers), which the ensemble
 * of {@link ZooKeeperEnsemble}, in the test JVM, cannot be.
 */
public final class ZooKeeperProcess implements StoreServer {

    private final int port;
    private final Process process;

    private ZooKeeperProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Starts the server and waits (at most 60 s) until a store can be opened on it. */
    public static ZooKeeperProcess start() {
        try {
            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "zookeeper-");
            int port = RemoteAtomicIntContract.freePort();
            Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m",
                    "-Dzookeeper.admin.enableServer=false", "-cp", System.getProperty("java.class.path"),
                    "org.apache.zookeeper.server.ZooKeeperServerMain", Integer.toString(port), dir.resolve("data").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("zookeeper.log").toFile())
                    .start();
            ZooKeeperProcess server = new ZooKeeperProcess(port, process);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try (AtomicIntStore store = AtomicIntStore.connect(server.url() + "?timeout=1000")) {
                    return server;
                } catch (StoreException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        server.close();
                        throw new IllegalStateException("ZooKeeper did not start on port " + port + "; see " + dir.resolve("zookeeper.log"));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String url() {
        return "zookeeper://127.0.0.1:" + port + "/stall";
    }

    /** SIGSTOP ({@code stopped}) or SIGCONT. */
    public void stall(boolean stopped) throws IOException, InterruptedException {
        new ProcessBuilder("kill", stopped ? "-STOP" : "-CONT", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL ends a stopped process too
        process.waitFor(10, TimeUnit.SECONDS);
    }

}

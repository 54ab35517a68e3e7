package dev.atomicint.python;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.atomicint.store.LocalRedisCluster;
import dev.atomicint.store.StoreServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the Python unittest suite in {@code python/tests} under GraalPy, once per set-up mode, and
 * reports every Python case as its own JUnit test: a failing Python case fails the build.
 */
class PythonSuiteTest {

    private static final Path TESTS_DIR = Path.of("python", "tests").toAbsolutePath();

    @TestFactory
    Stream<DynamicContainer> pythonSuiteInHostMode() throws IOException {
        return Stream.of(suite("host mode", AtomicIntPython::newContext));
    }

    @TestFactory
    Stream<DynamicContainer> pythonSuiteInSandboxMode() throws IOException {
        return Stream.of(suite("sandbox mode", AtomicIntPython::newSandboxedContext));
    }

    /** The int-protocol modules again, on AtomicInts stored in a redis-server started for them. */
    @TestFactory
    Stream<DynamicContainer> pythonSuiteOnRedisInHostMode() throws Exception {
        return onStore(StoreServer.Kind.REDIS, "host mode", AtomicIntPython::newContext);
    }

    @TestFactory
    Stream<DynamicContainer> pythonSuiteOnRedisInSandboxMode() throws Exception {
        return onStore(StoreServer.Kind.REDIS, "sandbox mode", AtomicIntPython::newSandboxedContext);
    }

    /**
     * The int-protocol modules again, on AtomicInts stored in a 3-server ZooKeeper ensemble started
     * for them: in host mode only, since the sandbox's face is the same for every engine (the Redis
     * runs cover it, and RemoteAtomicIntPythonTest covers a ZooKeeper-backed one in a sandbox), and
     * each ZooKeeper update is a quorum write (the suite takes minutes on a loaded machine).
     */
    @TestFactory
    Stream<DynamicContainer> pythonSuiteOnZooKeeperInHostMode() throws Exception {
        return onStore(StoreServer.Kind.ZOOKEEPER, "host mode", AtomicIntPython::newContext);
    }

    /** The suite on a 3-primary Redis Cluster: its names spread over the nodes (host mode: the sandbox's face is the same for every engine). */
    @TestFactory
    Stream<DynamicContainer> pythonSuiteOnRedisClusterInHostMode() throws Exception {
        try (LocalRedisCluster cluster = LocalRedisCluster.start()) {
            return Stream.of(suite("host mode, redis cluster backend",
                    builder -> AtomicIntPython.newContext(builder, LOOPBACK_STORES), cluster.url()));
        }
    }

    /**
     * The suite's contexts may open stores on loopback only (test_remote also asks for a port where
     * no server listens), as many at once as its modules keep open.
     */
    private static final StoreAccess LOOPBACK_STORES = StoreAccess.newBuilder()
            .allowStores(address -> address.endpoints().stream().allMatch(server -> server.host().equals("127.0.0.1")))
            .maxOpenStores(64)
            .build();

    private static Stream<DynamicContainer> onStore(StoreServer.Kind kind, String mode, BiFunction<Context.Builder, StoreAccess, Context> setUp)
            throws Exception {
        try (StoreServer server = kind.start()) {
            return Stream.of(suite(mode + ", " + kind.name().toLowerCase(java.util.Locale.ROOT) + " backend",
                    builder -> setUp.apply(builder, LOOPBACK_STORES), server.url()));
        }
    }

    private static DynamicContainer suite(String mode, Function<Context.Builder, Context> setUp) throws IOException {
        return suite(mode, setUp, null);
    }

    private static DynamicContainer suite(String mode, Function<Context.Builder, Context> setUp, String storeUrl) throws IOException {
        List<DynamicTest> cases = new ArrayList<>();
        try (Context context = setUp.apply(Context.newBuilder("python")
                .allowCreateThread(true)
                .allowIO(IOAccess.ALL))) {
            Value outcomes = context.eval(runner()).execute(TESTS_DIR.toString(), storeUrl);
            for (long i = 0; i < outcomes.getArraySize(); i++) {
                Value outcome = outcomes.getArrayElement(i);
                cases.add(dynamicCase(outcome.getArrayElement(0).asString(), outcome.getArrayElement(1).asString(),
                        outcome.getArrayElement(2).asString()));
            }
        }
        assertFalse(cases.isEmpty(), "no Python test was found in " + TESTS_DIR);
        return DynamicContainer.dynamicContainer("Python suite, " + mode, cases);
    }

    private static DynamicTest dynamicCase(String id, String outcome, String detail) {
        return DynamicTest.dynamicTest(id, () -> {
            switch (outcome) {
                case "passed" -> { }
                case "skipped" -> abort(detail);
                default -> fail(id + "\n" + detail);
            }
        });
    }

    private static Source runner() throws IOException {
        try (InputStream in = PythonSuiteTest.class.getResourceAsStream("run_unittests.py")) {
            return Source.newBuilder("python", new String(in.readAllBytes(), StandardCharsets.UTF_8), "run_unittests.py").build();
        }
    }
}

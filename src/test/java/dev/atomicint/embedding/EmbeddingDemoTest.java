package dev.atomicint.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The path a user takes: atomicint installed into a Maven repository, then demos/embedding, a
 * separate project naming it by its coordinates, built and run by Maven on the JIT layout with
 * atomicint's jar on the module path. Each Maven run is bounded in time.
 */
class EmbeddingDemoTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path DEMO = ROOT.resolve("demos/embedding");
    private static Path repository;
    private static String demoOutput;

    @BeforeAll
    static void installAtomicIntThenBuildAndRunTheDemo() throws Exception {
        Path real = Path.of(System.getProperty("atomicint.maven.repository", System.getProperty("user.home") + "/.m2/repository"));
        repository = ShadowRepository.create(ROOT.resolve("target/embedding-m2"), real, "dev/atomicint/atomicint");
        maven(ROOT, "jar:jar", "install:install");
        demoOutput = maven(DEMO, "package", "exec:exec@counter", "exec:exec@graalpy-resources");
    }

    /** Runs Maven in {@code dir} with the shadow repository; answers its output, failing on a non-zero exit. */
    private static String maven(Path dir, String... goals) throws IOException, InterruptedException {
        String home = System.getProperty("atomicint.maven.home");
        List<String> command = new ArrayList<>(List.of(home == null ? "mvn" : Path.of(home, "bin", "mvn").toString(), "-B", "-q",
                "-Dmaven.repo.local=" + repository));
        command.addAll(List.of(goals));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home")); // a JDK 21+, as this test JVM
        // Maven's own guava warns of sun.misc.Unsafe on JDK 24+: not the demo's output, which theDemoRunsWithoutWarnings reads
        builder.environment().merge("MAVEN_OPTS", "-Dsun.misc.unsafe.memory.access=allow", (a, b) -> a + " " + b);
        Path log = Files.createTempFile("atomicint-embedding", ".log");
        builder.redirectOutput(log.toFile());
        Process maven = builder.start();
        boolean done = maven.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            maven.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertTrue(done && maven.exitValue() == 0, () -> "mvn " + String.join(" ", goals) + " in " + dir + " failed:\n" + output);
        return output;
    }

    @Test
    void installedJarCarriesTheModuleName() throws IOException {
        Path jar = repository.resolve("dev/atomicint/atomicint/0.1.0-SNAPSHOT/atomicint-0.1.0-SNAPSHOT.jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals("dev.atomicint", file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
        }
    }

    @Test
    void pythonAndJavaThreadsCountExactlyInTheAppsOwnExplicitContext() {
        assertTrue(demoOutput.contains("total: 800000, expected: 800000, exact"), demoOutput);
    }

    @Test
    void theAppsExportedServiceWorksAndItsUnexportedMethodStaysDenied() {
        assertTrue(demoOutput.contains("from Python: 800000 items counted, reset() denied"), demoOutput);
    }

    @Test
    void graalPyResourcesContextWithItsVirtualFileSystemKeepsWorking() {
        assertTrue(demoOutput.contains("GraalPyResources: visits 40000 (exact), log [counted], java.type: denied"), demoOutput);
    }

    @Test
    void demoRunsWithTheJitOnAndAtomicIntAsANamedModule() {
        assertTrue(demoOutput.contains("atomicint runs as module dev.atomicint"), demoOutput);
        assertTrue(!demoOutput.contains("interpreter-only"), demoOutput);
    }

    /** Store clients on the class path (with an SLF4J binding), never on the GraalVM module path, as docs/redis.md says. */
    @Test
    void storeClientsGoToTheClassPathNotTheModulePath() throws IOException {
        try (var modules = Files.list(DEMO.resolve("target/modules")); var lib = Files.list(DEMO.resolve("target/lib"))) {
            List<String> onModulePath = modules.map(p -> p.getFileName().toString()).toList();
            List<String> onClassPath = lib.map(p -> p.getFileName().toString()).toList();
            assertTrue(onModulePath.stream().anyMatch(name -> name.startsWith("atomicint-")), onModulePath::toString);
            assertTrue(onModulePath.stream().noneMatch(name -> name.startsWith("jedis-") || name.startsWith("slf4j-")), onModulePath::toString);
            assertTrue(onClassPath.stream().anyMatch(name -> name.startsWith("jedis-")), onClassPath::toString);
            assertTrue(onClassPath.stream().anyMatch(name -> name.startsWith("slf4j-nop-")), onClassPath::toString);
        }
    }

    /** The layout as documented prints nothing but the app's own lines: no JDK or SLF4J warning. */
    @Test
    void theDemoRunsWithoutWarnings() {
        for (String warning : new String[] {"WARNING", "SLF4J", "Exception"}) {
            assertTrue(!demoOutput.contains(warning), () -> "the demo printed " + warning + ":\n" + demoOutput);
        }
    }
}

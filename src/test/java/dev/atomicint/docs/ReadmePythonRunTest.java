package dev.atomicint.docs;

import static dev.atomicint.launcher.LauncherRun.FIRST_USE_SECONDS;
import static dev.atomicint.launcher.LauncherRun.PYTHON;
import static dev.atomicint.launcher.LauncherRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atomicint.launcher.LauncherRun;
import dev.atomicint.store.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's Python, run as a user runs it: every ```python block by {@code bin/atomicint-python}
 * (the store block against a real redis-server on loopback, its address put in for README's),
 * each printing exactly what the comments on its {@code print(...)} lines say; and README's main
 * job, which must print the exact count.
 */
class ReadmePythonRunTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern PYTHON_BLOCK = Pattern.compile("(?m)^```python\\n(.*?)^```$", Pattern.DOTALL);
    private static final Pattern PRINT = Pattern.compile("^\\s*print\\(.*?\\)(?:\\s*#\\s*(.*?))?\\s*$");
    private static final String README_STORE_URL = "redis://127.0.0.1:6379/0";
    private static final String MAIN_JOB = "bin/atomicint-python demos/stress.py 50 100000 y";

    @TempDir
    Path dir;

    /** Builds on first use, so that no single test below carries the build's minutes. */
    @BeforeAll
    static void buildOnFirstUse() throws Exception {
        LauncherRun run = run(List.of(PYTHON.toString(), "-c", "pass"), "", Map.of(), ROOT, FIRST_USE_SECONDS);
        assertEquals(0, run.exit(), run.err());
    }

    /** The ```python blocks of {@code markdown}. */
    static List<String> pythonBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = PYTHON_BLOCK.matcher(markdown);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    /** What {@code block} must print: the comment of each print line, one line each. */
    static String expectedOutput(String block) {
        StringBuilder expected = new StringBuilder();
        for (String line : block.lines().toList()) {
            Matcher print = PRINT.matcher(line);
            if (print.matches()) {
                if (print.group(1) == null || print.group(1).isEmpty()) {
                    throw new IllegalArgumentException("a print line without the output as its comment: " + line);
                }
                expected.append(print.group(1)).append('\n');
            }
        }
        return expected.toString();
    }

    @Test
    void everyPythonBlockPrintsWhatItsCommentsSay() throws Exception {
        List<String> blocks = pythonBlocks(Files.readString(ROOT.resolve("README.md")));
        assertFalse(blocks.isEmpty(), "README.md shows no Python");
        try (RedisServer redis = RedisServer.start()) {
            for (String block : blocks) {
                String expected = expectedOutput(block);
                assertFalse(expected.isEmpty(), "a block that prints nothing checks nothing:\n" + block);
                LauncherRun run = run(List.of(PYTHON.toString(), "-c", block.replace(README_STORE_URL, redis.url())), "", Map.of(), dir, 180);
                assertEquals(0, run.exit(), block + run.err());
                assertEquals(expected, run.out(), block);
            }
        }
    }

    @Test
    void theMainJobPrintsTheExactCount() throws Exception {
        assertTrue(Files.readString(ROOT.resolve("README.md")).contains(MAIN_JOB), "README.md no longer shows " + MAIN_JOB);
        LauncherRun run = run(List.of(MAIN_JOB.split(" ")), "", Map.of(), ROOT, 300);
        assertEquals(0, run.exit(), run.err());
        assertEquals("atomic\n5000000\n", run.out());
    }

    @Test
    void aPrintLineIsCheckedAgainstItsComment() {
        assertEquals("True\n400000\n", expectedOutput("n = 1\nprint(n == 1)   # True\nprint(n)  # 400000\n"));
        assertThrows(IllegalArgumentException.class, () -> expectedOutput("print(n)\n"));
    }
}

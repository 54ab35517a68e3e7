package dev.atomicint.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every ```java block of README.md and of docs/embedding.md is, character for
 * character (indentation aside), code between "quoted in docs" markers in a source a test compiles
 * and runs: this package (DocSnippetsRunTest) or demos/embedding (EmbeddingDemoTest). Edit a block
 * or its source alone and this fails; and every quoted region must be quoted somewhere.
 */
class DocSnippetsMatchTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);
    private static final String BEGIN = "// quoted in docs: begin";
    private static final String END = "// quoted in docs: end";

    /** The ```java blocks of {@code markdown}, dedented. */
    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(markdown);
        while (matcher.find()) {
            blocks.add(dedent(matcher.group(1).lines().toList()));
        }
        return blocks;
    }

    /** The lines between the markers in {@code source}, dedented. */
    static List<String> quotedRegions(String source) {
        List<String> regions = new ArrayList<>();
        List<String> region = null;
        for (String line : source.lines().toList()) {
            if (line.strip().equals(BEGIN)) {
                region = new ArrayList<>();
            } else if (line.strip().equals(END)) {
                regions.add(dedent(region));
                region = null;
            } else if (region != null) {
                region.add(line);
            }
        }
        return regions;
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line.isBlank() ? "" : line.substring(indent).stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static List<String> allQuotedRegions() throws IOException {
        List<String> regions = new ArrayList<>();
        for (Path dir : List.of(ROOT.resolve("src/test/java/dev/atomicint/docs"), ROOT.resolve("demos/embedding/src/main/java"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    regions.addAll(quotedRegions(Files.readString(file)));
                }
            }
        }
        return regions;
    }

    private static void assertEveryBlockIsQuotedCode(String document, List<String> blocks) throws IOException {
        assertFalse(blocks.isEmpty(), document + " shows no Java");
        List<String> regions = allQuotedRegions();
        for (String block : blocks) {
            assertTrue(regions.contains(block), () -> document + " shows Java that no test runs as written:\n" + block);
        }
    }

    @Test
    void readmeShowsOnlyCodeThatTestsRun() throws IOException {
        assertEveryBlockIsQuotedCode("README.md", javaBlocks(Files.readString(ROOT.resolve("README.md"))));
    }

    @Test
    void embeddingGuideShowsOnlyCodeThatTestsRun() throws IOException {
        assertEveryBlockIsQuotedCode("docs/embedding.md", javaBlocks(Files.readString(ROOT.resolve("docs/embedding.md"))));
    }

    @Test
    void everyQuotedRegionIsShownInTheDocuments() throws IOException {
        List<String> shown = new ArrayList<>(javaBlocks(Files.readString(ROOT.resolve("README.md"))));
        shown.addAll(javaBlocks(Files.readString(ROOT.resolve("docs/embedding.md"))));
        for (String region : allQuotedRegions()) {
            assertTrue(shown.contains(region), () -> "code marked as quoted is shown in no document:\n" + region);
        }
    }

    @Test
    void aChangedBlockIsCaught() {
        String region = quotedRegions("  " + BEGIN + "\n    int a = 1;\n  " + END + "\n").get(0);
        assertTrue(javaBlocks("```java\nint a = 1;\n```\n").contains(region));
        assertFalse(javaBlocks("```java\nint a = 2;\n```\n").contains(region));
    }
}

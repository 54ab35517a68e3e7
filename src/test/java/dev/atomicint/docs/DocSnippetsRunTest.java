package dev.atomicint.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atomicint.AtomicInt;
import dev.atomicint.python.AtomicIntPython;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * Runs the Java code README.md and docs/embedding.md show. The code between the "quoted in docs"
 * markers is what the documents quote, character for character (DocSnippetsMatchTest).
 */
class DocSnippetsRunTest {

    @Test
    void quickStartPrintsTheExactValueBeforeAndAfterPython() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertEquals("1267650600228229401496703205377\n1267650600228229401496703205378\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void ownContextAddsAtomicIntToTheApplicationsPolicy() {
        AtomicInt counter = new AtomicInt(41);
        // quoted in docs: begin
        Context.Builder builder = Context.newBuilder("python")
                .allowHostAccess(HostAccess.EXPLICIT)      // your application's policy first ...
                .allowCreateThread(true)
                .apply(AtomicIntPython::configure);        // ... then atomicint adds AtomicInt to it
        try (Context python = AtomicIntPython.install(builder.build())) {
            python.getBindings("python").putMember("counter", counter);
            python.eval("python", "counter += 1");
        }
        // quoted in docs: end
        assertEquals(42, counter.get());
    }

    @Test
    void sandboxedContextUpdatesTheSharedValueThroughTheProxy() {
        AtomicInt counter = new AtomicInt(41);
        // quoted in docs: begin
        try (Context python = AtomicIntPython.newSandboxedContext(Context.newBuilder("python"))) {
            python.getBindings("python").putMember("counter", AtomicIntPython.toPython(python, counter));
            python.eval("python", "counter += 1");
        }
        // quoted in docs: end
        assertEquals(42, counter.get());
    }

    @Test
    void contextsSharingAnEngineShareOneHostAccessPolicy() {
        AtomicInt counter = new AtomicInt();
        // quoted in docs: begin
        try (Engine engine = Engine.create("python")) {
            for (int i = 0; i < 3; i++) {
                Context.Builder builder = Context.newBuilder("python")
                        .engine(engine)
                        .allowHostAccess(HostAccess.EXPLICIT)  // the same policy for every context of the engine
                        .apply(AtomicIntPython::configure);
                try (Context python = AtomicIntPython.install(builder.build())) {
                    python.getBindings("python").putMember("counter", counter);
                    python.eval("python", "counter += 1");
                }
            }
        }
        // quoted in docs: end
        assertEquals(3, counter.get());
    }

    @Test
    void javaThreadsCallIntoOneContext() throws InterruptedException {
        AtomicInt counter = new AtomicInt();
        // quoted in docs: begin
        try (Context python = AtomicIntPython.newContext(Context.newBuilder("python"))) {
            Value increment = python.eval("python", """
                    def increment(n, times):
                        for _ in range(times):
                            n += 1
                    increment""");
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofPlatform().start(() -> increment.execute(counter, 10_000)));
            }
            for (Thread thread : threads) {
                thread.join();                             // before the context closes
            }
        }
        // quoted in docs: end
        assertEquals(40_000, counter.get());
    }
}

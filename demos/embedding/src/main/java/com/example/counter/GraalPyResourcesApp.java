package com.example.counter;

import dev.atomicint.AtomicInt;
import dev.atomicint.python.AtomicIntPython;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.python.embedding.GraalPyResources;
import org.graalvm.python.embedding.VirtualFileSystem;

/**
 * atomicint in a context from GraalPy's own GraalPyResources builder (HostAccess.ALL, no host class
 * lookup), running Python code from the virtual file system the graalpy-maven-plugin built.
 */
public final class GraalPyResourcesApp {

    public static void main(String[] args) {
        // quoted in docs: begin
        VirtualFileSystem vfs = VirtualFileSystem.newBuilder()
                .resourceDirectory("GRAALPY-VFS/com.example/embedding")
                .build();
        AtomicInt visits = new AtomicInt();
        List<String> log = new ArrayList<>();
        Context.Builder builder = GraalPyResources.contextBuilder(vfs)   // GraalPy's builder: HostAccess.ALL ...
                .apply(AtomicIntPython::configure);                     // ... which configure keeps
        try (Context python = AtomicIntPython.install(builder.build())) {
            Value tally = python.eval("python", "import tally\ntally");   // src/tally.py in the VFS
            String lookup = tally.invokeMember("count", visits, 4, 10_000, log).asString();
            boolean exact = visits.get() == 40_000 && log.equals(List.of("counted"));
            System.out.printf("GraalPyResources: visits %s (%s), log %s, java.type: %s%n",
                    visits, exact ? "exact" : "WRONG", log, lookup);
            if (!exact || !lookup.equals("denied")) {
                System.exit(1);
            }
        }
        // quoted in docs: end
    }
}

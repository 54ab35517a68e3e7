package dev.atomicint.hostile;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** The command that runs a main class in a new JVM laid out as this one (JIT, module path, class path). */
final class ChildJvm {

    private ChildJvm() {}

    static List<String> command(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib:jdwp") && !a.startsWith("-javaagent") && !a.startsWith("-Xmx"))
                .toList());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }
}

package dev.atomicint.launcher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One invocation of {@code bin/atomicint-python} as its client sends it: how it was called, where,
 * with what environment. The client has already decided that the server can run it faithfully (a
 * script, {@code -c} or {@code -m} with no interpreter options; see {@code bin/atomicint-client.py}).
 *
 * <p>Wire form: NUL-terminated UTF-8 fields: the protocol version, the executable path it was called
 * by, the working directory, the kind ({@code script}, {@code command}, {@code module}), the target
 * (path, code or module name), the number of {@code sys.argv} entries and the entries, then every
 * environment entry as {@code NAME=value}.
 */
record RunRequest(String executable, String cwd, String kind, String target, List<String> argv, Map<String, String> env) {

    static final String VERSION = "atomicint-run-1";

    /** Parses the fields in {@code message}; a message of another version or shape is refused. */
    static RunRequest parse(byte[] message) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < message.length; i++) {
            if (message[i] == 0) {
                fields.add(new String(message, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start != message.length || fields.size() < 6 || !VERSION.equals(fields.get(0))) {
            throw new IllegalArgumentException("not an " + VERSION + " request");
        }
        String kind = fields.get(3);
        if (!List.of("script", "command", "module").contains(kind)) {
            throw new IllegalArgumentException("unknown kind of run: " + kind);
        }
        int argc;
        try {
            argc = Integer.parseInt(fields.get(5));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad argument count", e);
        }
        if (argc < 1 || 6 + argc > fields.size()) {
            throw new IllegalArgumentException("bad argument count");
        }
        List<String> argv = List.copyOf(fields.subList(6, 6 + argc));
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : fields.subList(6 + argc, fields.size())) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad environment entry");
            }
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return new RunRequest(fields.get(1), fields.get(2), kind, fields.get(4), argv, Map.copyOf(env));
    }
}

package dev.atomicint.reliability;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one soak worker reports: named integers (op counts {@code ops.<kind>}, crossing counts,
 * its ledgers: see soak_worker.py) and the violations it saw while running. {@code source} is
 * where it ran: {@code host}, {@code sandboxed} or {@code java}.
 */
record WorkerReport(String source, Map<String, BigInteger> values, List<String> violations) {

    /** Parses the {@code key<TAB>value} lines of a Python worker's report. */
    static WorkerReport parse(String source, String text) {
        Map<String, BigInteger> values = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (String line : text.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalArgumentException("not a report line: " + line);
            }
            String key = line.substring(0, tab);
            String value = line.substring(tab + 1);
            if (key.equals("violation")) {
                violations.add(source + " " + value);
            } else {
                values.merge(key, new BigInteger(value), BigInteger::add);
            }
        }
        return new WorkerReport(source, values, violations);
    }

    BigInteger get(String key) {
        return values.getOrDefault(key, BigInteger.ZERO);
    }
}

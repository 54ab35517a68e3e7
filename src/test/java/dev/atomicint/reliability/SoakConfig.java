package dev.atomicint.reliability;

import java.time.Duration;

/**
 * The size of a soak run: how long, how many GraalPy contexts (alternately host-mode and
 * sandboxed, the first host-mode), Python threads in each, and Java threads.
 *
 * <p>{@link #fromSystemProperties()} reads {@code soak.seconds}, {@code soak.contexts},
 * {@code soak.pythonThreads}, {@code soak.javaThreads}, {@code soak.javaPauseMicros} and
 * {@code soak.seed}; without them it is the reduced run of {@code mvn test}.
 *
 * <p>{@code javaPause}: a Java worker parks this long after every 16 steps (0: never). A Java
 * step takes about a microsecond, a Python step far longer, above all before GraalPy has compiled
 * the worker code; Java threads at full speed would take the cores from the contexts and their
 * JIT, and the Python side would hardly run.
 *
 * <p>{@code racyJavaSum}, for the control test only: Java workers update the sum counter by a
 * plain get-then-set, which loses concurrent updates; the sum invariant must catch it.
 */
record SoakConfig(Duration duration, int contexts, int pythonThreads, int javaThreads, Duration javaPause, long seed,
        boolean racyJavaSum) {

    /** Each worker owns at least one bit below 60 of the bits counter. */
    static final int MAX_WORKERS = 60;

    static final SoakConfig REDUCED = new SoakConfig(Duration.ofSeconds(12), 2, 2, 2, Duration.ofNanos(100_000), 0, false);

    SoakConfig {
        if (duration.isNegative() || duration.isZero() || contexts < 0 || pythonThreads < 1 || javaThreads < 0 || javaPause.isNegative()) {
            throw new IllegalArgumentException("bad soak size: " + duration + ", " + contexts + " contexts x "
                    + pythonThreads + " Python threads, " + javaThreads + " Java threads");
        }
        int workers = contexts * pythonThreads + javaThreads;
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("a soak needs 1 to " + MAX_WORKERS + " workers, not " + workers);
        }
    }

    static SoakConfig fromSystemProperties() {
        double seconds = Double.parseDouble(System.getProperty("soak.seconds", Long.toString(REDUCED.duration.toSeconds())));
        return new SoakConfig(
                Duration.ofMillis(Math.round(seconds * 1000)),
                Integer.getInteger("soak.contexts", REDUCED.contexts),
                Integer.getInteger("soak.pythonThreads", REDUCED.pythonThreads),
                Integer.getInteger("soak.javaThreads", REDUCED.javaThreads),
                Duration.ofNanos(1000 * Long.getLong("soak.javaPauseMicros", REDUCED.javaPause.toNanos() / 1000)),
                Long.getLong("soak.seed", System.nanoTime()),
                false);
    }

    int pythonWorkers() {
        return contexts * pythonThreads;
    }

    int workers() {
        return pythonWorkers() + javaThreads;
    }

    /** Context {@code index}'s mode: host-mode and sandboxed alternate. */
    PythonContexts.Mode mode(int index) {
        return index % 2 == 0 ? PythonContexts.Mode.HOST : PythonContexts.Mode.SANDBOXED;
    }
}

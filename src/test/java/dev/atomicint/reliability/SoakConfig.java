package dev.atomicint.reliability;

import java.time.Duration;

/**
 * The size of a soak run: how long, how many GraalPy contexts (alternately host-mode and
 * sandboxed, the first host-mode), Python threads in each, and Java threads.
 *
 * <p>{@link #fromSystemProperties()} reads {@code soak.seconds}, {@code soak.contexts},
 * {@code soak.pythonThreads}, {@code soak.javaThreads} and {@code soak.seed}; without them it is
 * the reduced run of {@code mvn test}.
 */
record SoakConfig(Duration duration, int contexts, int pythonThreads, int javaThreads, long seed) {

    /** Each worker owns at least one bit below 60 of the bits counter. */
    static final int MAX_WORKERS = 60;

    static final SoakConfig REDUCED = new SoakConfig(Duration.ofSeconds(12), 2, 2, 2, 0);

    SoakConfig {
        if (duration.isNegative() || duration.isZero() || contexts < 0 || pythonThreads < 1 || javaThreads < 0) {
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
                Long.getLong("soak.seed", System.nanoTime()));
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

package dev.atomicint.reliability;

import dev.atomicint.AtomicInt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * Runs a soak: GraalPy contexts (host-mode and sandboxed) with Python worker threads, and Java
 * worker threads, all updating the five shared counters of {@link SoakLayout} for the configured
 * time; then it stops them and collects their reports and the counters' final values.
 */
final class Soak {

    /** How long contexts may take to start all their workers, and workers to stop once told. */
    private static final Duration START_LIMIT = Duration.ofMinutes(5);
    private static final Duration STOP_LIMIT = Duration.ofMinutes(2);

    private Soak() {}

    static SoakResult run(SoakConfig config) throws InterruptedException {
        long begun = System.nanoTime();
        SoakLayout layout = new SoakLayout(config.workers());
        SoakLayout.Counters counters = SoakLayout.newCounters();
        AtomicInt ready = new AtomicInt();
        AtomicInt go = new AtomicInt();
        AtomicInt stop = new AtomicInt();
        List<WorkerReport> reports = new CopyOnWriteArrayList<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Duration ran;
        try (PythonContexts pythons = new PythonContexts()) {
            int id = 0;
            for (int j = 0; j < config.javaThreads(); j++) {
                JavaSoakWorker worker = new JavaSoakWorker(counters, layout, id++, config.seed(), config.racyJavaSum());
                threads.add(Thread.ofPlatform().name("soak-java-" + j).unstarted(() -> reports.add(worker.run(go, stop, config.javaPause()))));
            }
            for (int c = 0; c < config.contexts(); c++) {
                PythonContexts.Mode mode = config.mode(c);
                int firstId = id;
                id += config.pythonThreads();
                threads.add(Thread.ofPlatform().name("soak-context-" + c).unstarted(() -> {
                    try {
                        Context context = pythons.open(mode);
                        Value run = PythonContexts.run(context, "soak_worker.py");
                        Value texts = run.execute(
                                PythonContexts.share(context, counters.sum()), PythonContexts.share(context, counters.exchange()),
                                PythonContexts.share(context, counters.bits()), PythonContexts.share(context, counters.product()),
                                PythonContexts.share(context, counters.residue()),
                                PythonContexts.share(context, ready), PythonContexts.share(context, go), PythonContexts.share(context, stop),
                                firstId, layout.workers, layout.high, layout.primes(firstId, config.pythonThreads()),
                                SoakLayout.BITS_INITIAL.toString(), SoakLayout.RESIDUE_MODULUS.toString(), config.seed());
                        for (long i = 0; i < texts.getArraySize(); i++) {
                            reports.add(WorkerReport.parse(mode.label(), texts.getArrayElement(i).asString()));
                        }
                    } catch (RuntimeException e) {
                        errors.add(mode.label() + " context " + Thread.currentThread().getName() + ": " + e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            long startBy = System.nanoTime() + START_LIMIT.toNanos();
            while (ready.get() < config.pythonWorkers() && errors.isEmpty() && System.nanoTime() < startBy) {
                Thread.sleep(10);
            }
            if (ready.get() < config.pythonWorkers()) {
                errors.add("only " + ready + " of " + config.pythonWorkers() + " Python workers started");
            }
            long from = System.nanoTime();
            go.set(1);
            if (errors.isEmpty()) {
                TimeUnit.NANOSECONDS.sleep(config.duration().toNanos());
            }
            stop.set(1);
            long stopBy = System.nanoTime() + STOP_LIMIT.toNanos();
            for (Thread thread : threads) {
                thread.join(Duration.ofNanos(Math.max(1, stopBy - System.nanoTime())));
                if (thread.isAlive()) {
                    errors.add(thread.getName() + " did not stop within " + STOP_LIMIT);
                }
            }
            ran = Duration.ofNanos(System.nanoTime() - from);
        }
        return new SoakResult(config, ran, Duration.ofNanos(System.nanoTime() - begun),
                counters.sum().getBigInteger(), counters.exchange().getBigInteger(),
                counters.bits().getBigInteger(), counters.product().getBigInteger(), counters.residue().getBigInteger(),
                List.copyOf(reports), List.copyOf(errors));
    }

}

package dev.atomicint.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;

/**
 * A context made ahead of time on a thread of its own, which later runs one job with it on that
 * same thread. GraalPy takes the thread that initialises a context for the context's main thread:
 * signal handlers run there (Ctrl-C's KeyboardInterrupt), so the run must execute on it.
 */
final class RunThread {

    /** What runs with the context, on its thread. */
    interface Job {
        void run(Context context) throws IOException;
    }

    private final CompletableFuture<Context> made = new CompletableFuture<>();
    private final SynchronousQueue<Job> job = new SynchronousQueue<>();
    // The job's end: a latch and a field, not a future, because the job may end by running the heap
    // out, and then completing a future (which allocates) could fail and leave its waiter waiting forever.
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Throwable failure; // what the job threw; written before the latch opens, read after
    private final AtomicBoolean used = new AtomicBoolean();

    /** Starts the thread, which makes its context with {@code maker} at once. */
    RunThread(Callable<Context> maker) {
        Thread.ofPlatform().daemon().name("atomicint-run").start(() -> live(maker));
    }

    private void live(Callable<Context> maker) {
        Context context;
        try {
            context = maker.call();
        } catch (Throwable failed) {
            made.completeExceptionally(failed);
            return;
        }
        made.complete(context);
        try {
            job.take().run(context);
        } catch (Throwable failed) {
            failure = failed;
        } finally {
            ended.countDown(); // allocates nothing: it wakes the waiter already queued
        }
    }

    /** Whether making the context has ended, made or failed: {@link #ready()} then answers at once. */
    boolean settled() {
        return made.isDone();
    }

    /** Waits until the context is made; answers false if making it failed (this thread has then ended). */
    boolean ready() {
        try {
            made.join();
            return true;
        } catch (CompletionException failed) {
            return false;
        }
    }

    /** Closes the context, which will run nothing, and so ends the thread. */
    void discard() {
        try {
            run(Context::close);
        } catch (IOException | RuntimeException ignored) {
            // it could not be made, or closing failed: either way the thread has ended
        }
    }

    /** Runs {@code work} on this thread with its context, and returns when it has ended, throwing what it threw. */
    void run(Job work) throws IOException {
        try {
            made.join();
        } catch (CompletionException failed) {
            throw new IllegalStateException("a context could not be made", failed.getCause());
        }
        if (!used.compareAndSet(false, true)) {
            throw new IllegalStateException("this thread has run its one job"); // never wait on a thread that has ended
        }
        try {
            job.put(work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted handing a run over", e);
        }
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a run's end", e);
        }
        switch (failure) {
            case null -> { }
            case IOException io -> throw io;
            case UncheckedIOException io -> throw io.getCause();
            case RuntimeException runtime -> throw runtime;
            case Error error -> throw error;
            default -> throw new IllegalStateException("a run failed", failure);
        }
    }
}

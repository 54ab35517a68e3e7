package dev.atomicint;

import dev.atomicint.store.OutcomeUnknownException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * Group commit for one remote key's {@code +=}: while one add is on its way to the engine, the adds
 * that arrive meanwhile from other threads of this JVM gather into one batch, and one thread sends
 * their sum as a single add when the first returns. One round trip then carries many adds, which
 * is what lets many threads of one process go faster than one connection each (the engine's
 * round trips, not this JVM, bound a key's rate).
 *
 * <p>Linearizable: every adder of a batch waits for the batch's one server step, which falls
 * inside each adder's call, so all of them take effect at that step. Failures: a batch whose
 * outcome is unknown makes every adder in it throw {@link OutcomeUnknownException} (together it was
 * applied or not); any other failure means nothing was applied, and each adder then retries alone
 * (so an error, such as a result past the size limit, is the adder's own, never its batch's).
 */
final class AddCombiner {

    /** The adds gathered while another batch is sent; its first adder sends it. */
    private static final class Batch {
        final Condition changed;
        long sum;
        int adders;
        boolean turn;       // the batch ahead has returned: the first adder sends this one
        boolean done;       // sent: outcome below
        RuntimeException failure;

        Batch(Condition changed, long delta) {
            this.changed = changed;
            this.sum = delta;
            this.adders = 1;
        }
    }

    private final LongConsumer send;
    private final int maxSending;
    // One lock for the hand-over: held only to join, open or pass on a batch, never across a send.
    private final ReentrantLock lock = new ReentrantLock();
    private int sending; // guarded by lock: batches (or lone adds) on their way
    private Batch gathering; // guarded by lock: the batch taking adds, sent when a send returns

    /**
     * {@code send} is the uncombined add: one server step, safe to call from many threads; up to
     * {@code maxSending} adds go at once, alone, before later ones gather.
     */
    AddCombiner(LongConsumer send, int maxSending) {
        if (maxSending < 1) {
            throw new IllegalArgumentException("maxSending must be at least 1: " + maxSending);
        }
        this.send = send;
        this.maxSending = maxSending;
    }

    /** Adds {@code delta}, in a batch with the other threads' concurrent adds when there are any. */
    void add(long delta) {
        Batch batch = join(delta);
        if (batch == null) {
            sendAndPassOn(delta, null); // nothing was on its way: this add goes at once
        } else if (batch == PASSED_64_BITS) {
            send.accept(delta); // the gathering sum would pass 64 bits: this add goes alone
        } else if (!batch.done) {
            sendAndPassOn(delta, batch); // opened it, and its turn has come
        } else if (batch.failure instanceof OutcomeUnknownException unknown) {
            throw new OutcomeUnknownException(unknown.getMessage(), unknown);
        } else if (batch.failure != null) {
            send.accept(delta); // the batch was not applied: this add alone, for its own outcome
        }
    }

    /** Marks an add that could not join the gathering batch: its sum would not fit in a long. */
    private static final Batch PASSED_64_BITS = new Batch(null, 0);

    /**
     * Joins the gathering batch (opening one if needed) and waits until it is sent (as one of its
     * adders) or its turn to be sent comes (as the one who opened it); null when nothing is on its way.
     */
    private Batch join(long delta) {
        lock.lock();
        try {
            if (sending < maxSending) {
                sending++;
                return null;
            }
            Batch batch = gathering;
            if (batch == null) {
                batch = gathering = new Batch(lock.newCondition(), delta);
                while (!batch.turn) {
                    batch.changed.awaitUninterruptibly(); // bounded: the send ahead times out
                }
                gathering = null; // closed: later adds open the next batch
                return batch;
            }
            long sum = batch.sum + delta;
            if (((batch.sum ^ sum) & (delta ^ sum)) < 0) {
                return PASSED_64_BITS;
            }
            batch.sum = sum;
            batch.adders++;
            while (!batch.done) {
                batch.changed.awaitUninterruptibly();
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Sends {@code batch}'s sum (or {@code delta} alone), then hands on to the next batch. */
    private void sendAndPassOn(long delta, Batch batch) {
        RuntimeException failure = null;
        try {
            send.accept(batch == null ? delta : batch.sum); // closed in join: the sum no longer changes
        } catch (RuntimeException e) {
            failure = e;
        }
        lock.lock();
        try {
            if (batch != null) {
                batch.failure = failure;
                batch.done = true;
                batch.changed.signalAll();
            }
            Batch next = gathering;
            if (next == null) {
                sending--;
            } else {
                next.turn = true;
                next.changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (failure == null) {
            return;
        }
        if (batch == null || batch.adders == 1 || failure instanceof OutcomeUnknownException) {
            throw failure;
        }
        send.accept(delta); // the batch was not applied: this add alone, for its own outcome
    }
}

package dev.atomicint.store;

/**
 * A store could not do a step and surely did not do it: the engine was unreachable (refused,
 * timed out before the request went out), or it answered with an error. Safe to retry.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}

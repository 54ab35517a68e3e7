package dev.atomicint.store;

/**
 * An update was sent and no answer came back (the connection dropped or timed out): it may or may
 * not have been applied, and it is not retried, since applying it twice would be wrong for {@code
 * +=}. The caller decides: read the value and reconcile, or count the update as in doubt. The
 * next call opens a fresh connection.
 */
public final class OutcomeUnknownException extends StoreException {
    private static final long serialVersionUID = 1L;

    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}

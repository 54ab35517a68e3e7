package dev.atomicint.store;

/** The key holds something other than a decimal integer: it is left untouched, and nothing is computed. */
public final class NotAnIntegerException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NotAnIntegerException(String message) {
        super(message);
    }
}

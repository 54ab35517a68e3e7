package dev.atomicint.python;

import java.io.Serial;

/**
 * Python code asked for a store its context's {@link StoreAccess} does not grant, or for more
 * stores than it allows at once; nothing was sent. Python sees it as PermissionError.
 */
public final class StoreAccessDeniedException extends SecurityException {
    @Serial
    private static final long serialVersionUID = 1L;

    StoreAccessDeniedException(String message) {
        super(message);
    }
}

package io.sark.schema;

/**
 * Root of every exception the SARK SDK throws. Unchecked: callers catch the subclasses they can act on
 * (duplicate key, invalid input, budget exceeded, ...) and let the rest propagate.
 */
public class SarkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SarkException(String message) {
        super(message);
    }

    public SarkException(String message, Throwable cause) {
        super(message, cause);
    }
}

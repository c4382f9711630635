package io.sark.dao;

import io.sark.schema.SarkException;

/** An argument was refused before anything was written; {@link #field()} names it. */
public class InvalidInputException extends SarkException {

    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidInputException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    /** The argument or field that was refused, e.g. {@code sensitivityLevel} or {@code config.schema}. */
    public String field() {
        return field;
    }
}

package io.sark.schema;

/**
 * An argument was refused before anything was written; {@link #field()} names it. The message is the field and the
 * problem, at most {@value #MAX_MESSAGE_LENGTH} characters: refused values are quoted abbreviated, never in full.
 */
public class InvalidInputException extends SarkException {

    /** Longest message; a longer problem text is cut. */
    public static final int MAX_MESSAGE_LENGTH = 1000;
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidInputException(String field, String problem) {
        super(bounded(field + " " + problem));
        this.field = field;
    }

    private static String bounded(String message) {
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
    }

    /** The argument or field that was refused, e.g. {@code sensitivityLevel} or {@code config.schema}. */
    public String field() {
        return field;
    }
}

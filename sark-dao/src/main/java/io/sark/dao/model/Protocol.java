package io.sark.dao.model;

import io.sark.schema.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The protocol of a governed resource: an open set of lowercase identifiers ({@code ^[a-z][a-z0-9_]*$}, at most
 * 50 characters, the shape the {@code ck_resources_protocol} check enforces) with constants for the well-known ones.
 *
 * @param value the identifier, e.g. {@code "mcp"}
 */
public record Protocol(String value) implements Comparable<Protocol> {

    /** Maximum length ({@code resources.protocol} is VARCHAR(50)). */
    public static final int MAX_LENGTH = 50;
    private static final Pattern SHAPE = Pattern.compile("[a-z][a-z0-9_]*");

    public static final Protocol MCP = new Protocol("mcp");
    public static final Protocol HTTP = new Protocol("http");
    public static final Protocol GRPC = new Protocol("grpc");
    public static final Protocol GRAPHQL = new Protocol("graphql");
    public static final Protocol WEBSOCKET = new Protocol("websocket");

    /**
     * @throws InvalidInputException (field {@code protocol}) if the value is null, too long or not a lowercase identifier
     */
    public Protocol {
        if (value == null) {
            throw new InvalidInputException("protocol", "is required");
        }
        if (value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
            throw new InvalidInputException("protocol",
                    "must be a lowercase identifier ^[a-z][a-z0-9_]*$ of at most " + MAX_LENGTH + " characters, got: "
                    + io.sark.dao.internal.Check.show(value));
        }
    }

    /** The protocol named {@code value}; see the constructor for what is refused. */
    public static Protocol of(String value) {
        return new Protocol(value);
    }

    @Override
    public int compareTo(Protocol o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

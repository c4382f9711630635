package io.sark.migration.internal;

/** A heap tuple position ({@code tid}): page (block number) and line pointer offset. Not API. */
public record Tid(long page, int offset) {

    /** The first position of a table. */
    public static final Tid START = new Tid(0, 0);

    /** Parses PostgreSQL's text form {@code (page,offset)}. */
    public static Tid parse(String text) {
        String[] parts = text.substring(1, text.length() - 1).split(",");
        return new Tid(Long.parseLong(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    }

    /** The position right after this one (the next line pointer of the same page). */
    public Tid next() {
        return new Tid(page, offset + 1);
    }

    /** A {@code tid} literal (numbers only, safe to inline). */
    public String literal() {
        return "'" + this + "'::tid";
    }

    @Override
    public String toString() {
        return "(" + page + "," + offset + ")";
    }
}

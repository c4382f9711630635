package io.sark.testkit;

/** How long one database lives under {@link SarkDatabaseTest}. */
public enum Isolation {
    /** One database for all tests of a class (default). */
    PER_CLASS,
    /** A new database for every test method. */
    PER_METHOD
}

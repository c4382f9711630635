package io.sark.testkit;

/** How long one database lives under {@link SarkDatabaseTest}. */
public enum Isolation {
    /** One database for all tests of a class, and of its {@code @Nested} classes (default). */
    PER_CLASS,
    /** A new database for every test method (including its {@code @BeforeEach}/{@code @AfterEach}). */
    PER_METHOD,
    /**
     * One database for the whole test run, per schema and seed, shared by every class that asks for it (also
     * concurrently under parallel execution). Fastest; tests must tolerate each other's rows. Dropped when the
     * run ends.
     */
    SHARED
}

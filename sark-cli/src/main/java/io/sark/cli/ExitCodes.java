package io.sark.cli;

/** Exit codes of the {@code sark-migration} CLI (also in {@code --help} and docs/migration-runbook.md). */
public final class ExitCodes {
    /** Success (validate: no ERROR/CRITICAL). */
    public static final int OK = 0;
    /** The operation ran and found or hit a failure: validation ERRORs, plan not ready, execute failed (resumable), an optimize statement or query failed. */
    public static final int FAILED = 1;
    /** validate found a CRITICAL issue. */
    public static final int CRITICAL = 2;
    /** Refused, nothing changed: rollback blocked by references (use --force), adopt of a non-v1 schema, another migration running. */
    public static final int REFUSED = 3;
    /** Error before or outside the operation: connection, configuration, unexpected exception. */
    public static final int ERROR = 4;
    /** The v1 schema has no mcp_servers/mcp_tools tables (plan, execute, validate --full/--data): a wrong --v1-schema? */
    public static final int V1_SCHEMA_MISSING = 5;
    /** Invalid command line: unknown option, bad value (e.g. --batch-size 0, --url not jdbc:postgresql:), missing --url. */
    public static final int USAGE = 64;

    /** The exit-code footer of every {@code --help}. */
    public static final String HELP = "%nExit codes:%n"
            + "  0   success (validate: no ERROR or CRITICAL)%n"
            + "  1   failure: validate ERRORs, plan not ready, execute failed (run again to resume),%n"
            + "      optimize statement/query failed%n"
            + "  2   validate found CRITICAL issues%n"
            + "  3   refused, nothing changed: rollback blocked by cost/audit references (--force),%n"
            + "      adopt of a schema that is not v1-shaped, another migration running%n"
            + "  4   error: connection, configuration, unexpected (one line; -v for the stack trace)%n"
            + "  5   the v1 schema has no mcp_servers/mcp_tools tables (wrong --v1-schema?)%n"
            + "  64  invalid command line (unknown option, bad value, missing or non-JDBC --url)%n"
            + "%nEnvironment: SARK_DB_URL, SARK_DB_USER, SARK_DB_PASSWORD, SARK_SCHEMA, SARK_V1_SCHEMA%n"
            + "Password: give --password without a value to be prompted, or set SARK_DB_PASSWORD;%n"
            + "--password=<value> is visible to other users in the process list (a warning is printed).%n";

    private ExitCodes() {
    }
}

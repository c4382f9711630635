package io.sark.cli;

import io.sark.migration.MigrationBusyException;
import io.sark.migration.V1SchemaNotFoundException;
import io.sark.migration.V1ToV2Migration;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/**
 * The {@code sark-migration} command line: moves a SARK v1 database to v2 and manages the SDK schema. Every
 * subcommand renders a result record of the Java API as text or, with {@code --output json}, as JSON.
 * In-process use: {@link #commandLine()}, which also installs the error handling and exit codes.
 */
@Command(name = "sark-migration", mixinStandardHelpOptions = true, version = V1ToV2Migration.TOOL_VERSION,
        description = "Moves a SARK v1 database to v2: plan, execute, validate, rollback, status; SDK schema and optimizer.",
        footer = ExitCodes.HELP,
        subcommands = {PlanCommand.class, ExecuteCommand.class, ValidateCommand.class, RollbackCommand.class, StatusCommand.class,
                SchemaCommand.class, OptimizeCommand.class, CommandLine.HelpCommand.class})
public final class SarkMigrationCli extends CommandGroup {

    /** A configured command line: exit codes, one-line errors, stack traces with {@code -v/--verbose}. */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new SarkMigrationCli()));
    }

    /**
     * Installs the CLI's conventions on a command line (also used by the demo): case-insensitive enums, usage errors
     * exit {@link ExitCodes#USAGE}, other errors are one line on stderr (stack trace with {@code -v/--verbose}),
     * library logging configured once from the parsed {@code --verbose}.
     */
    public static CommandLine configure(CommandLine cl) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine bad = ex.getCommandLine();
            bad.getErr().println("error: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, bad.getErr())) {
                bad.getErr().println("see '" + bad.getCommandSpec().qualifiedName() + " --help'");
            }
            bad.getErr().flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionStrategy(parseResult -> {
            CliLogging.configure(verbose(parseResult));
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("error: " + oneLine(ex));
            if (verbose(parseResult)) {
                ex.printStackTrace(err);
            }
            err.flush();
            if (ex instanceof MigrationBusyException) {
                return ExitCodes.REFUSED;
            }
            if (ex instanceof V1SchemaNotFoundException) {
                return ExitCodes.V1_SCHEMA_MISSING;
            }
            return ExitCodes.ERROR;
        });
        return cl;
    }

    /** {@code -v/--verbose} as picocli parsed it, on whichever (sub)command it was given. */
    static boolean verbose(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

package io.sark.cli;

import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Connection and output options shared by every subcommand (a picocli mixin). */
public class CommonOptions {

    @Option(names = "--url", defaultValue = "${env:SARK_DB_URL}", description = "JDBC URL, e.g. jdbc:postgresql://host:5432/sark (env SARK_DB_URL)")
    String url;

    @Option(names = "--user", defaultValue = "${env:SARK_DB_USER}", description = "database user (env SARK_DB_USER)")
    String user;

    @Option(names = "--password", arity = "0..1", interactive = true, defaultValue = "${env:SARK_DB_PASSWORD}",
            description = "give --password without a value to be prompted, or set SARK_DB_PASSWORD; a value on the command line "
                    + "(--password=x) is visible in the process list and draws a warning. Never printed.")
    char[] password;

    @Option(names = {"-s", "--target-schema"}, defaultValue = "${env:SARK_SCHEMA:-sark}", description = "schema of the v2 tables (env SARK_SCHEMA, default ${DEFAULT-VALUE})")
    String schema;

    @Option(names = "--v1-schema", defaultValue = "${env:SARK_V1_SCHEMA:-public}",
            description = "schema of the v1 tables (env SARK_V1_SCHEMA, default ${DEFAULT-VALUE})")
    String v1Schema;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE})")
    Output output;

    @Option(names = {"-v", "--verbose"}, description = "stack traces on errors")
    boolean verbose;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Output formats. */
    public enum Output { text, json }

    /**
     * The database, after checking the options: a missing or non-JDBC {@code --url} is a usage error (exit 64), a
     * password given on the command line draws a warning on stderr.
     */
    DataSource dataSource() {
        if (url == null || url.isBlank()) {
            throw new ParameterException(mixee.commandLine(), "missing --url: give --url jdbc:postgresql://host:5432/db or set SARK_DB_URL");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ParameterException(mixee.commandLine(), "invalid --url: must start with jdbc:postgresql:, e.g. jdbc:postgresql://host:5432/db");
        }
        if (passwordOnCommandLine(mixee.commandLine().getParseResult().originalArgs())) {
            mixee.commandLine().getErr().println("warning: --password with a value is visible in the process list; give --password "
                    + "without a value to be prompted, or set SARK_DB_PASSWORD");
            mixee.commandLine().getErr().flush();
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        if (user != null && !user.isBlank()) {
            ds.setUser(user);
        }
        if (password != null && password.length > 0) {
            ds.setPassword(new String(password));
        }
        ds.setApplicationName("sark-migration");
        return ds;
    }

    static boolean passwordOnCommandLine(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).startsWith("--password=") || ("--password".equals(args.get(i)) && i + 1 < args.size() && !args.get(i + 1).startsWith("-"))) {
                return true;
            }
        }
        return false;
    }

    boolean json() {
        return output == Output.json;
    }
}

package io.sark.migration.cli;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Option;

/** Connection and output options shared by every subcommand (a picocli mixin). */
public class CommonOptions {

    @Option(names = "--url", defaultValue = "${env:SARK_DB_URL}", description = "JDBC URL, e.g. jdbc:postgresql://host:5432/sark (env SARK_DB_URL)")
    String url;

    @Option(names = "--user", defaultValue = "${env:SARK_DB_USER}", description = "database user (env SARK_DB_USER)")
    String user;

    @Option(names = "--password", arity = "0..1", interactive = true, defaultValue = "${env:SARK_DB_PASSWORD}",
            description = "password; give --password without a value to be prompted (env SARK_DB_PASSWORD). Never printed.")
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

    /** Output formats. */
    public enum Output { text, json }

    DataSource dataSource() {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no database: give --url or set SARK_DB_URL");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--url must be a jdbc:postgresql: URL");
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

    boolean json() {
        return output == Output.json;
    }
}

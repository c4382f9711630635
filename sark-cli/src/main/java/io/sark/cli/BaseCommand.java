package io.sark.cli;

import io.sark.cli.render.Json;
import io.sark.migration.V1ToV2Migration;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of the subcommands that talk to a database: the shared options, the output streams and the text/JSON switch. */
abstract class BaseCommand implements Callable<Integer> {

    static final String INVALID_JSON_HELP = "v1 json that jsonb cannot hold (a NUL escape, a key twice): escape (default, lossless: "
            + "migrated, NUL escapes become the text backslash-u0000, a key's last value kept; the original text kept in "
            + "<target schema>.sark_migration_json) or skip (not migrated; reason and original text kept there)";

    @Mixin
    CommonOptions o;
    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    V1ToV2Migration.Builder migration() {
        return V1ToV2Migration.builder().dataSource(o.dataSource()).v1Schema(o.v1Schema).targetSchema(o.schema);
    }

    /** A {@code --batch-size}-like value in 1..1,000,000, else a usage error (exit 64) naming the option. */
    int batchSize(int value, String option) {
        if (value < 1 || value > 1_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid value for " + option + ": " + value
                    + " (must be 1..1000000)");
        }
        return value;
    }

    /** Prints {@code result} as JSON with {@code --output json}, else runs the text renderer; returns {@code code}. */
    int emit(Object result, Runnable text, int code) {
        if (o.json()) {
            Json.print(out(), result);
        } else {
            text.run();
            out().flush();
        }
        return code;
    }
}

package io.sark.cli;

import io.sark.cli.render.ValidationText;
import io.sark.migration.ValidationMode;
import io.sark.migration.ValidationReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code validate}: the checks after a migration. */
@Command(name = "validate", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "The reference's fifteen checks plus row-level fidelity. Exit 0 pass, 1 ERROR, 2 CRITICAL.")
final class ValidateCommand extends BaseCommand {
    @ArgGroup(exclusive = true)
    Mode mode;

    static final class Mode {
        @Option(names = "--full", description = "all checks incl. row-level fidelity (default)")
        boolean full;
        @Option(names = "--quick", description = "schema, relationships, business")
        boolean quick;
        @Option(names = "--schema", description = "schema checks only")
        boolean schema;
        @Option(names = "--data", description = "data checks and fidelity only")
        boolean data;
    }

    @Option(names = "--batch-size", defaultValue = "10000", description = "rows per fidelity checksum (default ${DEFAULT-VALUE})")
    int batchSize;

    @Override
    public Integer call() {
        ValidationMode m = mode == null || mode.full ? ValidationMode.FULL : mode.quick ? ValidationMode.QUICK
                : mode.schema ? ValidationMode.SCHEMA : ValidationMode.DATA;
        ValidationReport r = migration().batchSize(batchSize(batchSize, "--batch-size")).build().validate(m);
        return emit(r, () -> ValidationText.print(out(), r), r.exitCode());
    }
}

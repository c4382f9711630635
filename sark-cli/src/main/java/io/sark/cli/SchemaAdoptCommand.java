package io.sark.cli;

import io.sark.cli.render.AdoptText;
import io.sark.migration.AdoptResult;
import io.sark.migration.SchemaAdoption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code schema adopt}. */
@Command(name = "adopt", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "Brings an existing SARK v1 database (schema --schema, with or without alembic_version) under Flyway: "
                + "verifies the v1 shape, baselines at 5, applies V6-V9. Refuses (exit 3) ORM-shaped or otherwise different schemas.")
final class SchemaAdoptCommand extends BaseCommand {
    @Option(names = "--verify-only", description = "only verify the v1 shape and list what adopt would change")
    boolean verifyOnly;
    @Option(names = "--allow-data-changes", description = "adopt even though V6-V9 change existing rows (listed by --verify-only)")
    boolean allowDataChanges;

    @Override
    public Integer call() {
        AdoptResult r = new SchemaAdoption(o.dataSource(), o.schema).adopt(verifyOnly, allowDataChanges);
        return emit(r, () -> AdoptText.print(out(), r), r.ok() ? ExitCodes.OK : ExitCodes.REFUSED);
    }
}

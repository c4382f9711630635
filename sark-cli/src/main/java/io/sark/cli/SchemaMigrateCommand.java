package io.sark.cli;

import io.sark.cli.render.SchemaMigrationText;
import io.sark.schema.SchemaMigrationResult;
import picocli.CommandLine.Command;

/** {@code schema migrate}. */
@Command(name = "migrate", mixinStandardHelpOptions = true, footer = ExitCodes.HELP, description = "Applies pending SDK migrations to --schema.")
final class SchemaMigrateCommand extends BaseCommand {
    @Override
    public Integer call() {
        SchemaMigrationResult r = SchemaCommand.sark(o).migrate();
        return emit(SchemaMigrationText.json(r), () -> SchemaMigrationText.print(out(), r), ExitCodes.OK);
    }
}

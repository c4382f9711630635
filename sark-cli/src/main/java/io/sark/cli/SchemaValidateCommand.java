package io.sark.cli;

import io.sark.cli.render.SchemaValidationText;
import io.sark.schema.SchemaValidation;
import picocli.CommandLine.Command;

/** {@code schema validate}. */
@Command(name = "validate", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "Compares the applied SDK migrations with this SDK's. Exit 1 when they differ.")
final class SchemaValidateCommand extends BaseCommand {
    @Override
    public Integer call() {
        SchemaValidation v = SchemaCommand.sark(o).validate();
        return emit(v, () -> SchemaValidationText.print(out(), v), v.valid() ? ExitCodes.OK : ExitCodes.FAILED);
    }
}

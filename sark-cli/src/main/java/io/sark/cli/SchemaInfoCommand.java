package io.sark.cli;

import io.sark.cli.render.SchemaInfoText;
import io.sark.schema.SchemaInfo;
import picocli.CommandLine.Command;

/** {@code schema info}. */
@Command(name = "info", mixinStandardHelpOptions = true, footer = ExitCodes.HELP, description = "Applied and pending SDK migrations.")
final class SchemaInfoCommand extends BaseCommand {
    @Override
    public Integer call() {
        SchemaInfo i = SchemaCommand.sark(o).info();
        return emit(SchemaInfoText.json(i), () -> SchemaInfoText.print(out(), i), ExitCodes.OK);
    }
}

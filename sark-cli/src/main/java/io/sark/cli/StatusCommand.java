package io.sark.cli;

import io.sark.cli.render.StatusText;
import io.sark.migration.StatusResult;
import picocli.CommandLine.Command;

/** {@code status}: the migration runs. */
@Command(name = "status", mixinStandardHelpOptions = true, footer = ExitCodes.HELP, description = "Migration runs: state, batches, rows, timings.")
final class StatusCommand extends BaseCommand {
    @Override
    public Integer call() {
        StatusResult s = migration().build().status();
        return emit(s, () -> StatusText.print(out(), s), ExitCodes.OK);
    }
}

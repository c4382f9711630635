package io.sark.cli;

import io.sark.cli.render.PlanText;
import io.sark.migration.InvalidJson;
import io.sark.migration.PlanResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plan}: the dry run. */
@Command(name = "plan", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "Dry run: counts, rows needing attention, sample mapped rows and a rehearsal of execute in a rolled-back transaction. "
                + "Writes nothing. Exit 0 when ready, 1 when something blocks execute.")
final class PlanCommand extends BaseCommand {
    @Option(names = "--no-rehearsal", description = "skip the rolled-back rehearsal (huge databases)")
    boolean noRehearsal;
    @Option(names = "--sample", defaultValue = "5", description = "sample rows per kind (default ${DEFAULT-VALUE})")
    int sample;
    @Option(names = "--batch-size", defaultValue = "10000", description = "batch size of the rehearsal (default ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--invalid-json", defaultValue = "escape", description = INVALID_JSON_HELP)
    InvalidJson invalidJson;

    @Override
    public Integer call() {
        if (sample < 0 || sample > 1000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid value for --sample: " + sample + " (must be 0..1000)");
        }
        PlanResult p = migration().rehearse(!noRehearsal).sampleSize(sample).batchSize(batchSize(batchSize, "--batch-size"))
                .invalidJson(invalidJson).build().plan();
        return emit(p, () -> PlanText.print(out(), p), p.ready() ? ExitCodes.OK : ExitCodes.FAILED);
    }
}

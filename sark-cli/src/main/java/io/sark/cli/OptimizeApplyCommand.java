package io.sark.cli;

import io.sark.cli.optimize.ApplyResult;
import io.sark.cli.render.ApplyText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code optimize apply}. */
@Command(name = "apply", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "Creates the extra indexes CONCURRENTLY outside any transaction, then ANALYZE. Exit 1 if any statement failed.")
final class OptimizeApplyCommand extends BaseCommand {
    @Option(names = "--dry-run", description = "list the statements only")
    boolean dryRun;

    @Override
    public Integer call() {
        ApplyResult a = OptimizeCommand.optimizer(o).apply(dryRun);
        return emit(a, () -> ApplyText.print(out(), a), a.failed() > 0 ? ExitCodes.FAILED : ExitCodes.OK);
    }
}

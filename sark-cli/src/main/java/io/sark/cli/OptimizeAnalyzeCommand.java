package io.sark.cli;

import io.sark.cli.optimize.AnalyzeResult;
import io.sark.cli.render.AnalyzeText;
import picocli.CommandLine.Command;

/** {@code optimize analyze}. */
@Command(name = "analyze", mixinStandardHelpOptions = true, footer = ExitCodes.HELP, description = "Indexes, sizes, usage statistics.")
final class OptimizeAnalyzeCommand extends BaseCommand {
    @Override
    public Integer call() {
        AnalyzeResult a = OptimizeCommand.optimizer(o).analyze();
        return emit(a, () -> AnalyzeText.print(out(), a), ExitCodes.OK);
    }
}

package io.sark.cli;

import io.sark.cli.optimize.OptimizeReport;
import io.sark.cli.render.AnalyzeText;
import io.sark.cli.render.BenchmarkText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code optimize report}. */
@Command(name = "report", mixinStandardHelpOptions = true, footer = ExitCodes.HELP, description = "analyze + benchmark in one report.")
final class OptimizeReportCommand extends BaseCommand {
    @Option(names = "--runs", defaultValue = "20", description = "timed runs per query (default ${DEFAULT-VALUE})")
    int runs;

    @Override
    public Integer call() {
        OptimizeReport r = OptimizeCommand.optimizer(o).report(runs);
        return emit(r, () -> {
            AnalyzeText.print(out(), r.analysis());
            BenchmarkText.print(out(), r.benchmark());
        }, r.benchmark().failed() > 0 ? ExitCodes.FAILED : ExitCodes.OK);
    }
}

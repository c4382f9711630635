package io.sark.cli;

import io.sark.cli.optimize.BenchmarkResult;
import io.sark.cli.render.BenchmarkText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code optimize benchmark}. */
@Command(name = "benchmark", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "The eight query patterns: p50/p95 over --runs, indexes used (whole plan tree), recommendations. Exit 1 if a query failed.")
final class OptimizeBenchmarkCommand extends BaseCommand {
    @Option(names = "--runs", defaultValue = "20", description = "timed runs per query (default ${DEFAULT-VALUE})")
    int runs;

    @Override
    public Integer call() {
        BenchmarkResult b = OptimizeCommand.optimizer(o).benchmark(runs);
        return emit(b, () -> BenchmarkText.print(out(), b), b.failed() > 0 ? ExitCodes.FAILED : ExitCodes.OK);
    }
}

package io.sark.cli;

import io.sark.cli.optimize.QueryOptimizer;
import picocli.CommandLine.Command;

/** {@code optimize}: query patterns and indexes (a group of subcommands). */
@Command(name = "optimize", mixinStandardHelpOptions = true, description = "Query patterns and indexes of the v2 catalogue.",
        subcommands = {OptimizeAnalyzeCommand.class, OptimizeBenchmarkCommand.class, OptimizeApplyCommand.class, OptimizeReportCommand.class})
final class OptimizeCommand extends CommandGroup {

    static QueryOptimizer optimizer(CommonOptions o) {
        return new QueryOptimizer(o.dataSource(), o.schema);
    }
}

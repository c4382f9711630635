package io.sark.cli.optimize;

/** The {@code optimize report}: analysis and benchmark together. */
public record OptimizeReport(AnalyzeResult analysis, BenchmarkResult benchmark) {
}

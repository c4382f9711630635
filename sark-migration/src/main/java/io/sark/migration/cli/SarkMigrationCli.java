package io.sark.migration.cli;

import io.sark.migration.AdoptResult;
import io.sark.migration.ExecuteResult;
import io.sark.migration.InvalidJson;
import io.sark.migration.JsonRow;
import io.sark.migration.MigrationBusyException;
import io.sark.migration.MigrationException;
import io.sark.migration.PlanResult;
import io.sark.migration.RollbackOptions;
import io.sark.migration.RollbackResult;
import io.sark.migration.SchemaAdoption;
import io.sark.migration.StatusResult;
import io.sark.migration.V1SchemaNotFoundException;
import io.sark.migration.V1ToV2Migration;
import io.sark.migration.ValidationMode;
import io.sark.migration.ValidationReport;
import io.sark.migration.optimize.AnalyzeResult;
import io.sark.migration.optimize.ApplyResult;
import io.sark.migration.optimize.BenchmarkResult;
import io.sark.migration.optimize.OptimizeReport;
import io.sark.migration.optimize.QueryOptimizer;
import io.sark.schema.MigrationStatus;
import io.sark.schema.SarkSchema;
import io.sark.schema.SchemaInfo;
import io.sark.schema.SchemaMigrationResult;
import io.sark.schema.SchemaValidation;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code sark-migration} command line: moves a SARK v1 database to v2 and manages the SDK schema. Every
 * subcommand renders a result record of the Java API as text or, with {@code --output json}, as JSON.
 * In-process use: {@code new CommandLine(new SarkMigrationCli()).execute(args)} — or {@link #commandLine()},
 * which also installs the error handling and exit codes.
 */
@Command(name = "sark-migration", mixinStandardHelpOptions = true, version = V1ToV2Migration.TOOL_VERSION,
        description = "Moves a SARK v1 database to v2: plan, execute, validate, rollback, status; SDK schema, optimizer and demo.",
        footer = ExitCodes.HELP,
        subcommands = {SarkMigrationCli.Plan.class, SarkMigrationCli.Execute.class, SarkMigrationCli.Validate.class,
                SarkMigrationCli.Rollback.class, SarkMigrationCli.Status.class, SarkMigrationCli.Schema.class,
                SarkMigrationCli.Optimize.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class SarkMigrationCli extends CommandGroup {

    /** A configured command line: exit codes, one-line errors, -v stack traces. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SarkMigrationCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine bad = ex.getCommandLine();
            bad.getErr().println("error: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, bad.getErr())) {
                bad.getErr().println("see '" + bad.getCommandSpec().qualifiedName() + " --help'");
            }
            bad.getErr().flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean verbose = parseResult.expandedArgs().contains("-v") || parseResult.expandedArgs().contains("--verbose");
            Throwable shown = ex;
            err.println("error: " + oneLine(shown));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            if (ex instanceof MigrationBusyException) {
                return ExitCodes.REFUSED;
            }
            if (ex instanceof V1SchemaNotFoundException) {
                return ExitCodes.V1_SCHEMA_MISSING;
            }
            return ExitCodes.ERROR;
        });
        return cl;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    public static void main(String[] args) {
        quietLibraryLogging(java.util.Arrays.asList(args).contains("-v"));
        System.exit(commandLine().execute(args));
    }

    /**
     * The CLI prints its own results; library logs (Flyway through java.util.logging, the embedded server
     * through SLF4J) only show warnings unless {@code -v} is given or the user configured a level.
     */
    // held strongly: java.util.logging keeps loggers weakly, and a collected logger loses its level
    private static final java.util.logging.Logger FLYWAY_LOGGER = java.util.logging.Logger.getLogger("org.flywaydb");

    static void quietLibraryLogging(boolean verbose) {
        if (verbose) {
            return;
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (System.getProperty("java.util.logging.config.file") == null) {
            FLYWAY_LOGGER.setLevel(java.util.logging.Level.WARNING);
        }
    }

    static final String INVALID_JSON_HELP = "v1 json that jsonb cannot hold (a NUL escape, a key twice): escape (default, lossless: "
            + "migrated, NUL escapes become the text backslash-u0000, a key's last value kept; the original text kept in "
            + "<target schema>.sark_migration_json) or skip (not migrated; reason and original text kept there)";

    static V1ToV2Migration.Builder migration(CommonOptions o) {
        return V1ToV2Migration.builder().dataSource(o.dataSource()).v1Schema(o.v1Schema).targetSchema(o.schema);
    }

    /** Base of the subcommands: options, spec and output streams. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        CommonOptions o;
        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        /** A {@code --batch-size}-like value in 1..1,000,000, else a usage error (exit 64) naming the option. */
        int batchSize(int value, String option) {
            if (value < 1 || value > 1_000_000) {
                throw new CommandLine.ParameterException(spec.commandLine(), "invalid value for " + option + ": " + value
                        + " (must be 1..1000000)");
            }
            return value;
        }

        int emit(Object result, Runnable text, int code) {
            if (o.json()) {
                Render.json(out(), result);
            } else {
                text.run();
                out().flush();
            }
            return code;
        }
    }

    // ----------------------------------------------------------------------------------------------- plan
    @Command(name = "plan", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Dry run: counts, rows needing attention, sample mapped rows and a rehearsal of execute in a rolled-back transaction. "
                    + "Writes nothing. Exit 0 when ready, 1 when something blocks execute.")
    static final class Plan extends Base {
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
            PlanResult p = migration(o).rehearse(!noRehearsal).sampleSize(sample).batchSize(batchSize(batchSize, "--batch-size"))
                    .invalidJson(invalidJson).build().plan();
            return emit(p, () -> Text.printPlan(out(), p), p.ready() ? ExitCodes.OK : ExitCodes.FAILED);
        }
    }

    // ----------------------------------------------------------------------------------------------- execute
    @Command(name = "execute", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Moves v1 servers/tools to resources/capabilities in batches read in physical (page) order, each committed with "
                    + "its checkpoint; resumes an interrupted run; running it again changes nothing. Keep v1 unwritten meanwhile.")
    static final class Execute extends Base {
        @Option(names = "--batch-size", defaultValue = "10000", description = "v1 rows per batch (default ${DEFAULT-VALUE})")
        int batchSize;
        @Option(names = "--progress", defaultValue = "auto", description = "auto (bar on a terminal, log lines otherwise), bar, log, none")
        ProgressMode progress;
        @Option(names = "--invalid-json", defaultValue = "escape", description = INVALID_JSON_HELP)
        InvalidJson invalidJson;

        enum ProgressMode { auto, bar, log, none }

        @Override
        public Integer call() {
            boolean terminal = progress == ProgressMode.bar || (progress == ProgressMode.auto && System.console() != null && !o.json());
            V1ToV2Migration.Builder b = migration(o).batchSize(batchSize(batchSize, "--batch-size")).invalidJson(invalidJson);
            if (progress != ProgressMode.none) {
                b.progress(new ProgressRenderer(err(), terminal));
            }
            ExecuteResult r;
            try {
                r = b.build().execute();
            } catch (MigrationBusyException | V1SchemaNotFoundException e) {
                throw e;
            } catch (MigrationException e) {
                err().println("error: " + oneLine(e));
                err().flush();
                if (o.json()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("state", "failed");
                    m.put("error", oneLine(e));
                    Render.json(out(), m);
                }
                return ExitCodes.FAILED;
            }
            ExecuteResult fr = r;
            fr.warnings().forEach(w -> err().println("warning: " + w));
            err().flush();
            return emit(r, () -> {
                out().printf(Locale.ROOT, "run %d %s%s: %d resources and %d capabilities created (%d/%d already present or skipped), "
                        + "%d placeholder endpoints, %d batches in %d ms (%.0f rows/s)%n", fr.runId(), fr.state(), fr.resumed() ? " (resumed)" : "",
                        fr.resourcesCreated(), fr.capabilitiesCreated(), fr.resourcesSkipped(), fr.capabilitiesSkipped(), fr.placeholderEndpoints(),
                        fr.batches(), fr.millis(), fr.rowsPerSecond());
                for (JsonRow j : fr.invalidJson()) {
                    out().printf("json jsonb cannot hold: %s %s %s (%s): %s, %s%n", j.table(), j.id(), j.column(), j.problems(), j.action(), j.reason());
                }
                if (!fr.invalidJson().isEmpty()) {
                    out().printf("original json texts: %s.sark_migration_json%n", o.schema);
                }
            }, ExitCodes.OK);
        }
    }

    // ----------------------------------------------------------------------------------------------- validate
    @Command(name = "validate", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "The reference's fifteen checks plus row-level fidelity. Exit 0 pass, 1 ERROR, 2 CRITICAL.")
    static final class Validate extends Base {
        @ArgGroup(exclusive = true)
        Mode mode;

        static final class Mode {
            @Option(names = "--full", description = "all checks incl. row-level fidelity (default)")
            boolean full;
            @Option(names = "--quick", description = "schema, relationships, business")
            boolean quick;
            @Option(names = "--schema", description = "schema checks only")
            boolean schema;
            @Option(names = "--data", description = "data checks and fidelity only")
            boolean data;
        }

        @Option(names = "--batch-size", defaultValue = "10000", description = "rows per fidelity checksum (default ${DEFAULT-VALUE})")
        int batchSize;

        @Override
        public Integer call() {
            ValidationMode m = mode == null || mode.full ? ValidationMode.FULL : mode.quick ? ValidationMode.QUICK
                    : mode.schema ? ValidationMode.SCHEMA : ValidationMode.DATA;
            ValidationReport r = migration(o).batchSize(batchSize(batchSize, "--batch-size")).build().validate(m);
            return emit(r, () -> Text.printValidation(out(), r), r.exitCode());
        }
    }

    // ----------------------------------------------------------------------------------------------- rollback
    @Command(name = "rollback", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
            description = "Deletes what migration runs created, in one transaction; v1 tables and native rows stay. "
                    + "Refuses (exit 3) when cost/audit rows reference migrated rows, unless --force.")
    static final class Rollback extends Base {
        @Option(names = "--dry-run", description = "show what would be deleted")
        boolean dryRun;
        @Option(names = "--force", description = "delete even if referenced")
        boolean force;
        @Option(names = "--run", description = "only this run id")
        Long run;

        @Override
        public Integer call() {
            RollbackResult r = migration(o).build().rollback(new RollbackOptions(dryRun, force, run));
            return emit(r, () -> {
                if (r.refused()) {
                    out().printf("REFUSED: %d references to migrated rows (nothing deleted; --force to delete anyway)%n", r.referenceCount());
                    r.referencedByCosts().forEach(x -> out().println("  cost_tracking -> " + x));
                    r.referencedByAudit().forEach(x -> out().println("  audit_events  -> " + x));
                    r.nativeChildren().forEach(x -> out().println("  native capability under a migrated resource: " + x));
                    out().println("  --force would delete: " + r.rows());
                } else {
                    out().printf("%s%d resources, %d capabilities deleted (%d native capabilities with them) in %d ms; rows per table: %s%n",
                            r.dryRun() ? "dry run, would be: " : "", r.resourcesDeleted(), r.capabilitiesDeleted(), r.nativeCapabilitiesDeleted(),
                            r.millis(), r.rows());
                }
            }, r.refused() ? ExitCodes.REFUSED : ExitCodes.OK);
        }
    }

    // ----------------------------------------------------------------------------------------------- status
    @Command(name = "status", mixinStandardHelpOptions = true, footer = ExitCodes.HELP, description = "Migration runs: state, batches, rows, timings.")
    static final class Status extends Base {
        @Override
        public Integer call() {
            StatusResult s = migration(o).build().status();
            return emit(s, () -> {
                out().printf("schema %s: %d migrated resources, %d migrated capabilities%s%n", s.targetSchema(), s.migratedResources(),
                        s.migratedCapabilities(), s.stateInstalled() ? "" : " (no migration has run)");
                for (StatusResult.Run r : s.runs()) {
                    out().printf(Locale.ROOT, "run %d %-11s phase %-12s from %s (%s) batches %d, resources %d/%d, capabilities %d/%d, attempts %d, "
                            + "started %s, finished %s, batch p50 %.0f ms max %.0f ms%s%n", r.id(), r.state(), r.phase(), r.v1Schema(), r.shape(),
                            r.batchesDone(), r.resourcesCreated(), r.serversTotal(), r.capabilitiesCreated(), r.toolsTotal(), r.attempts(),
                            r.startedAt(), r.finishedAt(), r.batchMillisP50(), r.batchMillisMax(), r.error() == null ? "" : " error: " + r.error());
                }
            }, ExitCodes.OK);
        }
    }

    // ----------------------------------------------------------------------------------------------- schema
    @Command(name = "schema", mixinStandardHelpOptions = true, description = "The SDK schema (Flyway V1-V7).",
            subcommands = {Schema.Migrate.class, Schema.Info.class, Schema.SchemaValidate.class, Schema.Adopt.class})
    static final class Schema extends CommandGroup {

        static SarkSchema sark(CommonOptions o) {
            return SarkSchema.configure().dataSource(o.dataSource()).schema(o.schema).load();
        }

        @Command(name = "migrate", mixinStandardHelpOptions = true, footer = ExitCodes.HELP, description = "Applies pending SDK migrations to --schema.")
        static final class Migrate extends Base {
            @Override
            public Integer call() {
                SchemaMigrationResult r = sark(o).migrate();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("schema", r.schema());
                m.put("initialVersion", r.initialVersion().orElse(null));
                m.put("currentVersion", r.currentVersion());
                m.put("applied", r.applied().stream().map(a -> a.version() + " " + a.description()).toList());
                return emit(m, () -> out().printf("schema %s: %s -> %s, applied %s%n", r.schema(), r.initialVersion().orElse("empty"),
                        r.currentVersion(), m.get("applied")), ExitCodes.OK);
            }
        }

        @Command(name = "info", mixinStandardHelpOptions = true, footer = ExitCodes.HELP, description = "Applied and pending SDK migrations.")
        static final class Info extends Base {
            @Override
            public Integer call() {
                SchemaInfo i = sark(o).info();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("schema", i.schema());
                m.put("currentVersion", i.currentVersion().orElse(null));
                m.put("pending", i.pending());
                m.put("migrations", i.migrations().stream().map(s -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("version", s.version());
                    x.put("description", s.description());
                    x.put("state", s.state());
                    x.put("installedOn", s.installedOn().map(Object::toString).orElse(null));
                    return x;
                }).toList());
                return emit(m, () -> {
                    out().printf("schema %s at version %s, %d pending%n", i.schema(), i.currentVersion().orElse("none"), i.pending());
                    for (MigrationStatus s : i.migrations()) {
                        out().printf("  V%-3s %-40s %s%n", s.version(), s.description(), s.state());
                    }
                }, ExitCodes.OK);
            }
        }

        @Command(name = "validate", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
                description = "Compares the applied SDK migrations with this SDK's. Exit 1 when they differ.")
        static final class SchemaValidate extends Base {
            @Override
            public Integer call() {
                SchemaValidation v = sark(o).validate();
                return emit(v, () -> {
                    out().println("schema " + v.schema() + (v.valid() ? ": valid" : ": INVALID"));
                    v.problems().forEach(p -> out().println("  " + p));
                }, v.valid() ? ExitCodes.OK : ExitCodes.FAILED);
            }
        }

        @Command(name = "adopt", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
                description = "Brings an existing SARK v1 database (schema --schema, with or without alembic_version) under Flyway: "
                        + "verifies the v1 shape, baselines at 5, applies V6-V7. Refuses (exit 3) ORM-shaped or otherwise different schemas.")
        static final class Adopt extends Base {
            @Option(names = "--verify-only", description = "only verify the v1 shape and list what adopt would change")
            boolean verifyOnly;
            @Option(names = "--allow-data-changes", description = "adopt even though V6-V7 change existing rows (listed by --verify-only)")
            boolean allowDataChanges;

            @Override
            public Integer call() {
                AdoptResult r = new SchemaAdoption(o.dataSource(), o.schema).adopt(verifyOnly, allowDataChanges);
                return emit(r, () -> {
                    out().printf("schema %s (%s shape): %s%s%n", r.schema(), r.shape(), r.outcome(),
                            r.currentVersion() == null ? "" : ", version " + r.initialVersion() + " -> " + r.currentVersion() + " applied " + r.applied());
                    r.differences().forEach(d -> out().println("  difference: " + d));
                    r.notes().forEach(d -> out().println("  note: " + d));
                    r.tableChanges().forEach(d -> out().println("  table change: " + d));
                    r.rowChanges().forEach(d -> out().printf("  row change: %s: %d rows: %s%s%n", d.table(), d.rows(), d.change(),
                            d.ids().isEmpty() ? "" : " " + d.ids()));
                    if (r.tableChanges().isEmpty() && r.rowChanges().isEmpty() && !"already-managed".equals(r.outcome())) {
                        out().println("  no existing table or row changes");
                    }
                }, r.ok() ? ExitCodes.OK : ExitCodes.REFUSED);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- optimize
    @Command(name = "optimize", mixinStandardHelpOptions = true, description = "Query patterns and indexes of the v2 catalogue.",
            subcommands = {Optimize.Analyze.class, Optimize.Benchmark.class, Optimize.Apply.class, Optimize.Report.class})
    static final class Optimize extends CommandGroup {

        @Command(name = "analyze", mixinStandardHelpOptions = true, footer = ExitCodes.HELP, description = "Indexes, sizes, usage statistics.")
        static final class Analyze extends Base {
            @Override
            public Integer call() {
                AnalyzeResult a = new QueryOptimizer(o.dataSource(), o.schema).analyze();
                return emit(a, () -> Text.printAnalysis(out(), a), ExitCodes.OK);
            }
        }

        @Command(name = "benchmark", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
                description = "The eight query patterns: p50/p95 over --runs, indexes used (whole plan tree), recommendations. Exit 1 if a query failed.")
        static final class Benchmark extends Base {
            @Option(names = "--runs", defaultValue = "20", description = "timed runs per query (default ${DEFAULT-VALUE})")
            int runs;

            @Override
            public Integer call() {
                BenchmarkResult b = new QueryOptimizer(o.dataSource(), o.schema).benchmark(runs);
                return emit(b, () -> Text.printBenchmark(out(), b), b.failed() > 0 ? ExitCodes.FAILED : ExitCodes.OK);
            }
        }

        @Command(name = "apply", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
                description = "Creates the extra indexes CONCURRENTLY outside any transaction, then ANALYZE. Exit 1 if any statement failed.")
        static final class Apply extends Base {
            @Option(names = "--dry-run", description = "list the statements only")
            boolean dryRun;

            @Override
            public Integer call() {
                ApplyResult a = new QueryOptimizer(o.dataSource(), o.schema).apply(dryRun);
                return emit(a, () -> {
                    a.statements().forEach(s -> out().printf("%-22s %6d ms  %s%s%n", s.outcome(), s.millis(), s.sql(),
                            s.error() == null ? "" : "  -- " + s.error()));
                    out().println(a.failed() == 0 ? "ok" : a.failed() + " statement(s) failed");
                }, a.failed() > 0 ? ExitCodes.FAILED : ExitCodes.OK);
            }
        }

        @Command(name = "report", mixinStandardHelpOptions = true, footer = ExitCodes.HELP, description = "analyze + benchmark in one report.")
        static final class Report extends Base {
            @Option(names = "--runs", defaultValue = "20", description = "timed runs per query (default ${DEFAULT-VALUE})")
            int runs;

            @Override
            public Integer call() {
                OptimizeReport r = new QueryOptimizer(o.dataSource(), o.schema).report(runs);
                return emit(r, () -> {
                    Text.printAnalysis(out(), r.analysis());
                    Text.printBenchmark(out(), r.benchmark());
                }, r.benchmark().failed() > 0 ? ExitCodes.FAILED : ExitCodes.OK);
            }
        }
    }
}

package io.sark.demo;

import io.sark.cli.CommonOptions;
import io.sark.cli.ExitCodes;
import io.sark.cli.SarkMigrationCli;
import io.sark.cli.optimize.BenchmarkResult;
import io.sark.cli.optimize.QueryOptimizer;
import io.sark.cli.render.BenchmarkText;
import io.sark.cli.render.Json;
import io.sark.cli.render.ProgressRenderer;
import io.sark.migration.AdoptResult;
import io.sark.migration.AttentionGroup;
import io.sark.migration.ExecuteResult;
import io.sark.migration.PlanResult;
import io.sark.migration.SchemaAdoption;
import io.sark.migration.Severity;
import io.sark.migration.V1ToV2Migration;
import io.sark.migration.ValidationMode;
import io.sark.migration.ValidationReport;
import io.sark.schema.SarkSchema;
import io.sark.testkit.EmbeddedPostgresServer;
import io.sark.testkit.v1.V1Dataset;
import io.sark.testkit.v1.V1DatasetSummary;
import io.sark.testkit.v1.V1EdgeCase;
import io.sark.testkit.v1.V1Shape;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The demo: the whole journey on an embedded PostgreSQL that it starts and stops. Nothing to install:
 * {@code java -jar sark-demo/target/sark-demo-<version>.jar [options]}. It uses the testkit's embedded server and v1
 * datasets (without Testcontainers or JUnit) and the CLI's engine calls and renderers.
 */
@Command(name = "sark-demo", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "Starts an embedded PostgreSQL, creates a SARK v1 database, then plan -> execute -> validate -> optimize benchmark, "
                + "prints a summary and stops the server.")
public final class DemoCommand implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(SarkMigrationCli.configure(new CommandLine(new DemoCommand())).execute(args));
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--servers", defaultValue = "10000", description = "v1 servers (default ${DEFAULT-VALUE})")
    int servers;

    @Option(names = "--tools-per-server", defaultValue = "10", description = "tools per server (default ${DEFAULT-VALUE})")
    int toolsPerServer;

    @Option(names = "--shape", defaultValue = "migration", description = "v1 shape: migration (adopted in place) or orm (moved into a new schema)")
    String shape;

    @Option(names = "--batch-size", defaultValue = "10000", description = "execute batch size (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--runs", defaultValue = "10", description = "benchmark runs per query (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--no-edge-cases", description = "generate only regular rows")
    boolean noEdgeCases;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json")
    CommonOptions.Output output;

    @Option(names = {"-v", "--verbose"}, description = "stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = output == CommonOptions.Output.json;
        PrintWriter log = json ? err : out;
        V1Shape v1Shape = switch (shape.toLowerCase(Locale.ROOT)) {
            case "migration" -> V1Shape.MIGRATION;
            case "orm" -> V1Shape.ORM;
            default -> throw new IllegalArgumentException("--shape must be migration or orm, got: " + shape);
        };
        log.println("demo: starting embedded PostgreSQL ...");
        log.flush();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
            try (Connection c = server.connect(server.maintenanceDatabase()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE sark_demo");
            }
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(server.jdbcUrl("sark_demo"));
            ds.setUser(server.username());
            ds.setPassword(server.password());
            log.printf("demo: %s (jdbc %s)%n", server.description(), server.jdbcUrl("sark_demo"));

            String v1Schema = v1Shape == V1Shape.MIGRATION ? "sark" : "public";
            V1DatasetSummary data = V1Dataset.builder().shape(v1Shape).schema(v1Schema).servers(servers).toolsPerServer(toolsPerServer)
                    .edgeCases(noEdgeCases ? EnumSet.noneOf(V1EdgeCase.class) : EnumSet.allOf(V1EdgeCase.class))
                    .alembicVersion(v1Shape == V1Shape.MIGRATION).build().create(ds);
            log.printf(Locale.ROOT, "1. v1 database (%s shape) in schema %s: %,d servers, %,d tools in %,d ms%n", v1Shape, v1Schema,
                    data.servers(), data.tools(), data.millis());

            String adopt = adoptOrCreate(ds, v1Shape, log);
            V1ToV2Migration migration = V1ToV2Migration.builder().dataSource(ds).v1Schema(v1Schema).targetSchema("sark")
                    .batchSize(batchSize).progress(new ProgressRenderer(err, !json && System.console() != null)).build();

            PlanResult plan = migration.plan();
            long attention = plan.attention().stream().filter(g -> g.severity() != Severity.INFO).mapToLong(AttentionGroup::count).sum();
            log.printf("3. plan: shape %s, %s, %d rows need attention, rehearsal %s in %,d ms%n", plan.shape().shape(),
                    plan.ready() ? "ready" : "NOT ready " + plan.problems(), attention,
                    plan.rehearsal().succeeded() ? "ok" : "failed", plan.rehearsal().millis());
            for (AttentionGroup g : plan.attention()) {
                log.printf("     %-8s %-24s %-12s %6d  %s%n", g.severity(), g.kind(), g.table(), g.count(), g.description());
            }
            log.flush();

            ExecuteResult exec = migration.execute();
            log.printf(Locale.ROOT, "4. execute: run %d, %,d resources + %,d capabilities in %,d ms = %,.0f rows/s (%d batches, %d placeholder endpoints)%n",
                    exec.runId(), exec.resourcesCreated(), exec.capabilitiesCreated(), exec.millis(), exec.rowsPerSecond(), exec.batches(),
                    exec.placeholderEndpoints());

            ValidationReport report = migration.validate(ValidationMode.FULL);
            log.printf("5. validate --full: %s, %d checks passed, %d warnings, %d failed (exit code %d)%n", report.passed() ? "PASSED" : "FAILED",
                    report.passedChecks(), report.count(Severity.WARNING), report.failedChecks(), report.exitCode());
            report.issues().stream().filter(i -> i.severity() != Severity.INFO)
                    .forEach(i -> log.printf("     %-8s %s: %s%n", i.severity(), i.checkName(), i.message()));

            BenchmarkResult bench = new QueryOptimizer(ds, "sark").benchmark(runs);
            log.printf("6. optimize benchmark (%d runs each):%n", runs);
            BenchmarkText.print(log, bench);

            int code = plan.ready() && report.passed() && bench.failed() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
            DemoResult result = new DemoResult(v1Shape.name(), data.servers(), data.tools(), data.millis(), adopt, plan.ready(), attention,
                    exec.millis(), exec.rowsPerSecond(), report.passedChecks(), report.count(Severity.WARNING), report.failedChecks(),
                    bench.queries().stream().map(q -> new DemoResult.Query(q.name(), q.p50Millis(), q.p95Millis(), q.indexes())).toList(), code);
            if (json) {
                Json.print(out, result);
            } else {
                out.printf(Locale.ROOT, "%nsummary: %,d servers x %d tools (%s shape) migrated at %,.0f rows/s; %d checks passed, %d warnings, %d failed; "
                        + "slowest query p95 %.2f ms; %s%n", data.servers(), toolsPerServer, v1Shape, exec.rowsPerSecond(), report.passedChecks(),
                        report.count(Severity.WARNING), report.failedChecks(),
                        bench.queries().stream().mapToDouble(BenchmarkResult.QueryResult::p95Millis).max().orElse(0),
                        code == 0 ? "OK" : "FAILED");
            }
            log.println("demo: stopping embedded PostgreSQL");
            out.flush();
            log.flush();
            return code;
        }
    }

    private static String adoptOrCreate(DataSource ds, V1Shape shape, PrintWriter log) {
        if (shape == V1Shape.MIGRATION) {
            AdoptResult r = new SchemaAdoption(ds, "sark").adopt(false);
            log.printf("2. schema adopt: %s, version %s -> %s (applied %s)%s%n", r.outcome(), r.initialVersion(), r.currentVersion(), r.applied(),
                    r.notes().isEmpty() ? "" : " " + r.notes());
            if (!r.ok()) {
                throw new IllegalStateException("adoption refused: " + r.differences());
            }
            return r.outcome().toString();
        }
        var r = SarkSchema.configure().dataSource(ds).schema("sark").load().migrate();
        log.printf("2. schema migrate: new schema sark at version %s (the ORM-shaped v1 schema cannot be adopted in place)%n", r.currentVersion());
        return "new schema";
    }
}

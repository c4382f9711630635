package io.sark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import io.sark.testkit.v1.V1Dataset;
import io.sark.testkit.v1.V1EdgeCase;
import io.sark.testkit.v1.V1Shape;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI through picocli's in-process execution: exit codes, JSON, one-line errors, no password echo. */
class SarkMigrationCliTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestDatabase db;

    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + " / " + err, e);
            }
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SarkMigrationCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String[] conn(TestDatabase d, String... args) {
        List<String> all = new ArrayList<>(List.of("--url", d.jdbcUrl(), "--user", d.server().username()));
        if (!d.server().password().isEmpty()) {
            all.add("--password=" + d.server().password());
        }
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    static String[] args(TestDatabase d, String command, String... rest) {
        List<String> all = new ArrayList<>(List.of(command.split(" ")));
        all.addAll(List.of(conn(d, rest)));
        return all.toArray(String[]::new);
    }

    static long count(TestDatabase d, String sql) {
        return ((Number) d.dsl().fetchValue(sql)).longValue();
    }

    static void exec(TestDatabase d, String sql) {
        try (java.sql.Connection c = d.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @BeforeAll
    static void create() {
        db = SarkTestDatabases.shared().createEmpty();
        V1Dataset.builder().schema("legacy").servers(30).toolsPerServer(2).alembicVersion(true)
                .edgeCases(EnumSet.of(V1EdgeCase.NULL_COMMAND_AND_ENDPOINT, V1EdgeCase.COLLIDING_METADATA_KEYS)).build().create(db.dataSource());
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void theWholeJourneyWithExitCodesAndJson() {
        // adopt the v1 schema in place (migration shape, with alembic_version), then migrate inside it
        Run adopt = run(args(db, "schema adopt", "-s", "legacy", "-o", "json"));
        assertThat(adopt.code()).as(adopt.out()).isZero();
        assertThat(adopt.json().get("outcome").asText()).isEqualTo("adopted");
        assertThat(adopt.json().get("currentVersion").asText()).isEqualTo("9");
        assertThat(run(args(db, "schema adopt", "-s", "legacy")).out()).contains("already-managed");
        Run info = run(args(db, "schema info", "-s", "legacy", "-o", "json"));
        assertThat(info.json().get("pending").asInt()).isZero();
        assertThat(run(args(db, "schema validate", "-s", "legacy")).code()).isZero();

        Run plan = run(args(db, "plan", "-s", "legacy", "--v1-schema", "legacy", "-o", "json"));
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.json().get("rehearsal").get("succeeded").asBoolean()).isTrue();
        assertThat(plan.json().get("attention").findValuesAsText("kind")).contains("NO_COMMAND_OR_ENDPOINT", "COLLIDING_METADATA_KEYS");
        assertThat(plan.json().get("shape").get("alembicVersion").asText()).isEqualTo(V1Dataset.ALEMBIC_HEAD);

        Run exec = run(args(db, "execute", "-s", "legacy", "--v1-schema", "legacy", "--batch-size", "7", "--progress", "log", "-o", "json"));
        assertThat(exec.code()).as(exec.err()).isZero();
        assertThat(exec.json().get("capabilitiesCreated").asLong()).isEqualTo(60);
        assertThat(exec.err()).contains("progress: run 1 capabilities 60/60");

        Run validate = run(args(db, "validate", "-s", "legacy", "--v1-schema", "legacy", "-o", "json"));
        assertThat(validate.code()).as(validate.out()).isZero();
        assertThat(validate.json().get("issues").size()).isGreaterThanOrEqualTo(15);
        assertThat(run(args(db, "validate", "--quick", "-s", "legacy", "--v1-schema", "legacy")).out()).contains("PASSED");

        Run status = run(args(db, "status", "-s", "legacy", "-o", "json"));
        assertThat(status.json().get("runs").get(0).get("state").asText()).isEqualTo("completed");
        assertThat(status.json().get("migratedCapabilities").asLong()).isEqualTo(60);

        // a cost row on a migrated capability blocks rollback (exit 3) until --force
        db.dsl().execute("INSERT INTO legacy.principal_budgets (principal_id) VALUES ('bob')");
        db.dsl().execute("INSERT INTO legacy.cost_tracking (principal_id, resource_id, capability_id, actual_cost) "
                + "SELECT 'bob', resource_id, id, 1 FROM legacy.capabilities ORDER BY id LIMIT 1");
        Run refused = run(args(db, "rollback", "-s", "legacy", "--v1-schema", "legacy"));
        assertThat(refused.code()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.out()).contains("REFUSED", "cost_tracking -> capability ");
        // a refused dry run says what it would delete, per table
        Run refusedDry = run(args(db, "rollback", "--dry-run", "-s", "legacy", "-o", "json"));
        assertThat(refusedDry.code()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refusedDry.json().get("rows").get("capabilities").asLong()).isEqualTo(60);
        assertThat(refusedDry.json().get("rows").get("resources").asLong()).isEqualTo(30);
        assertThat(run(args(db, "rollback", "--dry-run", "-s", "legacy")).out())
                .contains("--force would delete: {capabilities=60, capabilities_native=0, resources=30, sark_migration_rows=90");
        Run dry = run(args(db, "rollback", "--dry-run", "--force", "-s", "legacy", "-o", "json"));
        assertThat(dry.code()).isZero();
        assertThat(dry.json().get("resourcesDeleted").asLong()).isEqualTo(30);
        Run forced = run(args(db, "rollback", "--force", "-s", "legacy"));
        assertThat(forced.code()).isZero();
        assertThat(count(db, "SELECT count(*) FROM legacy.resources")).isZero();
        assertThat(count(db, "SELECT count(*) FROM legacy.mcp_servers")).isEqualTo(30);

        // validation now fails: exit 1 (ERROR)
        Run failing = run(args(db, "validate", "--data", "-s", "legacy", "--v1-schema", "legacy"));
        assertThat(failing.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(failing.out()).contains("ERROR", "data.server_count_mismatch");
    }

    @Test
    void validateExitsTwoOnCritical() {
        Run r = run(args(db, "validate", "--schema", "-s", "no_such_schema", "-o", "json"));
        assertThat(r.code()).isEqualTo(ExitCodes.CRITICAL);
        assertThat(r.json().get("issues").findValuesAsText("severity")).contains("CRITICAL");
    }

    @Test
    void adoptRefusesAnOrmShapedSchemaListingWhatDiffers() {
        try (TestDatabase orm = SarkTestDatabases.shared().createEmpty()) {
            V1Dataset.builder().shape(V1Shape.ORM).schema("public").servers(3).toolsPerServer(1).build().create(orm.dataSource());
            Run r = run(args(orm, "schema adopt", "-s", "public"));
            assertThat(r.code()).isEqualTo(ExitCodes.REFUSED);
            assertThat(r.out()).contains("ORM-shaped", "enum transporttype", "mcp_tools.parameters_schema", "missing table gateway_audit_events");
            // the supported path: a new SDK schema and execute from the ORM schema
            assertThat(run(args(orm, "schema migrate", "-s", "sark")).code()).isZero();
            assertThat(run(args(orm, "execute", "--v1-schema", "public", "--progress", "none")).code()).isZero();
            assertThat(run(args(orm, "validate")).code()).isZero();
        }
    }

    @Test
    void optimizeBenchmarkApplyAndFailures() {
        try (TestDatabase d = SarkTestDatabases.shared().create()) {
            Run bench = run(args(d, "optimize benchmark", "--runs", "3", "-o", "json"));
            assertThat(bench.code()).as(bench.out()).isZero();
            assertThat(bench.json().get("queries").size()).isEqualTo(8);
            Run dry = run(args(d, "optimize apply", "--dry-run", "-o", "json"));
            assertThat(dry.json().get("statements").findValuesAsText("outcome")).containsOnly("planned");
            assertThat(count(db, "SELECT 1")).isEqualTo(1);
            Run apply = run(args(d, "optimize apply"));
            assertThat(apply.code()).as(apply.out()).isZero();
            assertThat(count(d, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'sark' AND indexname IN "
                    + "('ix_resources_protocol_active', 'ix_capabilities_resource_name_sensitivity', 'ix_capabilities_input_schema_type', "
                    + "'ix_cost_tracking_principal_timestamp')")).isEqualTo(4);
            assertThat(run(args(d, "optimize apply", "-o", "json")).json().get("statements").findValuesAsText("outcome")).contains("already present");
            // an invalid leftover of an interrupted CONCURRENTLY build is rebuilt, not kept
            d.dsl().execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'sark.ix_capabilities_input_schema_type'::regclass");
            assertThat(run(args(d, "optimize apply")).out()).contains("rebuilt (was invalid)");
            Run report = run(args(d, "optimize report", "--runs", "2", "-o", "json"));
            assertThat(report.json().get("analysis").get("tables").size()).isEqualTo(4);
            assertThat(run(args(d, "optimize analyze")).out()).contains("ix_capabilities_metadata_gin");
        }
        // a schema without cost_tracking: the cost index statement fails -> exit 1
        try (TestDatabase v6 = SarkTestDatabases.shared().createEmpty()) {
            io.sark.schema.SarkSchema.configure().dataSource(v6.dataSource()).schema("sark").target("6").load().migrate();
            Run apply = run(args(v6, "optimize apply"));
            assertThat(apply.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(apply.out()).contains("failed", "cost_tracking");
            assertThat(run(args(v6, "optimize benchmark", "--runs", "1")).code()).isEqualTo(ExitCodes.FAILED);
        }
    }

    @Test
    void errorsAreOneLineNeverShowThePasswordAndUsageIs64() {
        Run bad = run("status", "--url", "jdbc:postgresql://127.0.0.1:1/nope", "--user", "x", "--password=s3cr3t-pw");
        assertThat(bad.code()).isEqualTo(ExitCodes.ERROR);
        // one error line (after the warning about the password on the command line)
        assertThat(bad.err().strip().lines().toList()).hasSize(2).last().asString().startsWith("error: ");
        assertThat(bad.err()).startsWith("warning: --password");
        assertThat(bad.out() + bad.err()).doesNotContain("s3cr3t-pw");
        Run verbose = run("status", "--url", "jdbc:postgresql://127.0.0.1:1/nope", "--password=s3cr3t-pw", "-v");
        assertThat(verbose.err().lines().count()).isGreaterThan(3);
        assertThat(verbose.out() + verbose.err()).doesNotContain("s3cr3t-pw");
        Run noUrl = run("status", "--url", "");
        assertThat(noUrl.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noUrl.err()).contains("--url");
        assertThat(run("execute", "--batch-size", "many").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("frobnicate").code()).isEqualTo(ExitCodes.USAGE);
        for (String[] group : new String[][] {{}, {"schema"}, {"optimize"}}) {
            Run bare = run(group);
            assertThat(bare.code()).as(String.join(" ", group)).isEqualTo(ExitCodes.USAGE);
            assertThat(bare.err()).contains("Usage: sark-migration");
        }
        Run help = run("validate", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Exit codes", "2   validate found CRITICAL", "SARK_DB_PASSWORD", "5   the v1 schema has no",
                "without a value to be prompted");
    }

    @Test
    void badInputIsAUsageErrorNamingTheArgumentBeforeAnyConnection() {
        String url = "jdbc:postgresql://127.0.0.1:1/nope";
        for (String[] a : new String[][] {{"execute", "--url", url, "--batch-size", "0"}, {"execute", "--url", url, "--batch-size", "-5"},
                {"plan", "--url", url, "--batch-size", "0"}, {"validate", "--url", url, "--batch-size", "2000000"}}) {
            Run r = run(a);
            assertThat(r.code()).as(String.join(" ", a)).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("--batch-size");
        }
        Run http = run("plan", "--url", "http://db:5432/sark");
        assertThat(http.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(http.err()).contains("invalid --url", "jdbc:postgresql:");
        Run missing = run("execute");
        assertThat(missing.code()).as(missing.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("missing --url");
        Run fancy = run("execute", "--url", url, "--progress", "fancy");
        assertThat(fancy.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(fancy.err()).contains("--progress", "fancy");
        assertThat(run("execute", "--url", url, "--invalid-json", "drop").code()).isEqualTo(ExitCodes.USAGE);
        // a password on the command line works but is warned about, without echoing it
        Run pw = run("status", "--url", url, "--password=s3cr3t-pw");
        assertThat(pw.err()).contains("warning: --password with a value is visible in the process list", "SARK_DB_PASSWORD");
        assertThat(pw.out() + pw.err()).doesNotContain("s3cr3t-pw");
    }

    @Test
    void aWrongV1SchemaExitsFiveAndAnEmptyOneNeverPasses() {
        Run plan = run(args(db, "plan", "-s", "legacy", "--v1-schema", "legcy"));
        assertThat(plan.code()).isEqualTo(ExitCodes.V1_SCHEMA_MISSING);
        assertThat(plan.err()).contains("v1 schema legcy has no mcp_servers/mcp_tools", "legacy (30 servers)");
        assertThat(run(args(db, "execute", "-s", "legacy", "--v1-schema", "legcy")).code()).isEqualTo(ExitCodes.V1_SCHEMA_MISSING);
        assertThat(run(args(db, "validate", "--full", "-s", "legacy", "--v1-schema", "legcy")).code()).isEqualTo(ExitCodes.V1_SCHEMA_MISSING);
        assertThat(run(args(db, "validate", "--data", "-s", "legacy", "--v1-schema", "legcy")).code()).isEqualTo(ExitCodes.V1_SCHEMA_MISSING);
        // a v1 schema whose tables are empty (here: the SDK schema's own v1 tables): nothing compared is no PASS
        try (TestDatabase d = SarkTestDatabases.shared().createEmpty()) {
            V1Dataset.builder().schema("public").servers(4).toolsPerServer(1).build().create(d.dataSource());
            assertThat(run(args(d, "schema migrate", "-s", "sark")).code()).isZero();
            Run exec = run(args(d, "execute", "--v1-schema", "sark", "--progress", "none"));
            assertThat(exec.code()).isZero();
            assertThat(exec.err()).contains("warning: v1 schema sark has no servers and no tools", "mcp_servers also in public (4 servers)");
            Run v = run(args(d, "validate", "--v1-schema", "sark"));
            assertThat(v.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(v.out()).contains("data.nothing_compared").doesNotContain("PASSED");
        }
    }

    @Test
    void validateOfAnEmptyDatabaseDoesNotClaimIndexes() {
        Run r = run(args(db, "validate", "--schema", "-s", "no_such_schema"));
        assertThat(r.out()).doesNotContain("critical indexes present").contains("critical indexes not checked");
    }

    @Test
    void adoptListsEveryTableAndRowChangeAndRefusesDataChangesWithoutTheFlag() {
        try (TestDatabase d = SarkTestDatabases.shared().createEmpty()) {
            V1Dataset.builder().schema("public").servers(3).toolsPerServer(1).build().create(d.dataSource());
            d.dsl().execute("INSERT INTO public.policies (id, name) VALUES ('00000000-0000-4000-8000-000000000001', 'p')");
            d.dsl().execute("INSERT INTO public.policy_versions (id, policy_id, version, content, is_active) VALUES "
                    + "('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000001', 1, 'a', true), "
                    + "('00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-000000000001', 2, 'b', true)");
            Run verify = run(args(d, "schema adopt", "--verify-only", "-s", "public"));
            assertThat(verify.code()).isEqualTo(ExitCodes.REFUSED);
            assertThat(verify.out()).contains("table change: audit_events: append-only triggers", "sark_purge_audit_events",
                    "table change: gateway_audit_events: timestamp, created_at retyped", "table change: api_keys:",
                    "row change: policy_versions: 1 rows: is_active set to false", "00000000-0000-4000-8000-000000000011",
                    "--allow-data-changes");
            Run json = run(args(d, "schema adopt", "--verify-only", "-s", "public", "-o", "json"));
            assertThat(json.json().get("rowChanges").get(0).get("rows").asLong()).isEqualTo(1);
            assertThat(json.json().get("tableChanges").size()).isGreaterThanOrEqualTo(6);
            assertThat(run(args(d, "schema adopt", "-s", "public")).code()).isEqualTo(ExitCodes.REFUSED);
            assertThat(count(d, "SELECT count(*) FROM public.policy_versions WHERE is_active")).isEqualTo(2);
            assertThat(count(d, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'resources'")).isZero();
            Run adopted = run(args(d, "schema adopt", "--allow-data-changes", "-s", "public"));
            assertThat(adopted.code()).as(adopted.out()).isZero();
            assertThat(adopted.out()).contains("adopted", "row change: policy_versions: 1 rows");
            assertThat(count(d, "SELECT count(*) FROM public.policy_versions WHERE is_active")).isEqualTo(1);
        }
    }

    @Test
    void operatorRunOnAnOrmDatabaseWithNulInOneServerAndOneTool() {
        try (TestDatabase d = SarkTestDatabases.shared().createEmpty()) {
            V1Dataset.builder().shape(V1Shape.ORM).schema("public").servers(5).toolsPerServer(2).build().create(d.dataSource());
            exec(d, "UPDATE public.mcp_servers SET extra_metadata = '{\"note\": \"a\\u0000b\"}' WHERE name = 'server-1'");
            exec(d, "UPDATE public.mcp_tools SET parameters = '{\"type\": \"object\", \"description\": \"\\u0000\"}' "
                    + "WHERE id = (SELECT min(id::text)::uuid FROM public.mcp_tools)");
            assertThat(run(args(d, "schema migrate", "-s", "sark")).code()).isZero();
            Run plan = run(args(d, "plan"));
            Run exec = run(args(d, "execute", "--progress", "none"));
            Run validate = run(args(d, "validate"));
            System.out.println("---- plan\n" + plan.out() + plan.err() + "---- execute\n" + exec.out() + exec.err()
                    + "---- validate\n" + validate.out() + validate.err());
            assertThat(plan.code()).as(plan.out()).isZero();
            assertThat(plan.out()).contains("JSON_NUL", "mcp_servers", "extra_metadata: NUL in a string", "parameters: NUL in a string");
            assertThat(exec.code()).as(exec.err()).isZero();
            assertThat(exec.out()).contains("json jsonb cannot hold: mcp_servers", "extra_metadata (nul): migrated", "parameters (nul): migrated");
            assertThat(validate.code()).as(validate.out()).isZero();
            assertThat(validate.out()).contains("data.json_originals", "2 v1 JSON values", "PASSED");
        }
    }
}

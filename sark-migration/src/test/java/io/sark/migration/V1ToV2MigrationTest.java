package io.sark.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.schema.InvalidInputException;
import io.sark.schema.SarkSchema;
import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import io.sark.testkit.v1.V1EdgeCase;
import io.sark.testkit.v1.V1Shape;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class V1ToV2MigrationTest {

    @ParameterizedTest
    @EnumSource(V1Shape.class)
    void detectsTheShape(V1Shape shape) {
        try (Fixture f = Fixture.create(shape, 5, 1, EnumSet.noneOf(V1EdgeCase.class))) {
            ShapeDetection d = f.migration().build().detectShape();
            assertThat(d.shape().name()).isEqualTo(shape.name());
            assertThat(d.parametersColumn()).isEqualTo(shape == V1Shape.ORM ? "parameters" : "parameters_schema");
            assertThat(d.uppercaseLabels()).isEqualTo(shape == V1Shape.ORM);
            assertThat(f.migration().v1Schema("nowhere").build().detectShape().shape()).isEqualTo(SourceShape.ABSENT);
        }
    }

    @ParameterizedTest
    @EnumSource(V1Shape.class)
    void planReportsEveryAttentionCaseRehearsesAndWritesNothing(V1Shape shape) {
        try (Fixture f = Fixture.allEdges(shape)) {
            String before = f.checksum("sark.resources") + f.checksum("sark.capabilities");
            PlanResult p = f.migration().build().plan();
            assertThat(p.ready()).as(p.problems().toString()).isTrue();
            assertThat(p.v1Counts()).containsEntry("mcp_servers", 40L).containsEntry("mcp_tools", 120L);
            assertThat(p.toMigrate()).containsEntry("resources", 40L).containsEntry("capabilities", 120L);
            Map<String, Long> kinds = p.attention().stream().collect(Collectors.groupingBy(g -> g.kind() + "/" + g.table(),
                    Collectors.summingLong(AttentionGroup::count)));
            assertThat(kinds).containsEntry("NO_COMMAND_OR_ENDPOINT/mcp_servers", 3L)
                    .containsEntry("COLLIDING_METADATA_KEYS/mcp_servers", 3L)
                    .containsEntry("COLLIDING_METADATA_KEYS/mcp_tools", 9L)
                    .containsEntry("UNKNOWN_SENSITIVITY/mcp_servers", 3L)
                    .containsEntry("UNKNOWN_SENSITIVITY/mcp_tools", 9L)
                    .containsKey("NON_OBJECT_JSON/mcp_servers")
                    .containsKey("NON_OBJECT_PARAMETERS/mcp_tools")
                    .containsKey("COMMAND_AND_ENDPOINT/mcp_servers");
            if (shape == V1Shape.ORM) {
                assertThat(kinds).containsKey("NULL_JSON/mcp_servers").containsKey("NULL_JSON/mcp_tools");
            }
            AttentionGroup colliding = p.attention().stream().filter(g -> g.kind().equals("COLLIDING_METADATA_KEYS") && g.table().equals("mcp_servers"))
                    .findFirst().orElseThrow();
            assertThat(colliding.sample()).allSatisfy(r -> assertThat(r.detail()).isEqualTo("description,status,transport"));
            assertThat(p.rehearsal().performed()).isTrue();
            assertThat(p.rehearsal().succeeded()).isTrue();
            assertThat(p.rehearsal().resources()).isEqualTo(40);
            assertThat(p.rehearsal().capabilities()).isEqualTo(120);
            assertThat(p.samples().get("resources")).hasSize(5);
            assertThat(p.samples().get("resources").get(0)).containsKeys("id", "endpoint", "metadata").doesNotContainKey("v1_id");
            // wrote nothing, not even the state tables
            assertThat(f.checksum("sark.resources") + f.checksum("sark.capabilities")).isEqualTo(before);
            assertThat(f.one("SELECT to_regclass('sark.sark_migration_runs')")).isNull();
        }
    }

    @Test
    void planIsNotReadyWithoutV2TablesAndPointsToTheOtherSchema() {
        try (Fixture f = Fixture.create(V1Shape.MIGRATION, 5, 1, EnumSet.noneOf(V1EdgeCase.class))) {
            PlanResult noTarget = f.migration().targetSchema("missing").build().plan();
            assertThat(noTarget.ready()).isFalse();
            assertThat(noTarget.problems()).anySatisfy(p -> assertThat(p).contains("schema migrate"));
            PlanResult wrongV1 = f.migration().v1Schema("sark").build().plan();
            assertThat(wrongV1.attention()).anySatisfy(g -> assertThat(g.kind()).isEqualTo("V1_SCHEMA_EMPTY"));
        }
    }

    @Test
    void planFailsWhenTheRealMovementWouldFail() {
        try (Fixture f = Fixture.create(V1Shape.MIGRATION, 5, 1, EnumSet.noneOf(V1EdgeCase.class))) {
            // a v1 name longer than v2 allows cannot exist; simulate a failing insert with a stricter target constraint
            f.exec("ALTER TABLE sark.resources ADD CONSTRAINT ck_test_no_server_0 CHECK (name <> 'server-0')");
            PlanResult p = f.migration().build().plan();
            assertThat(p.ready()).isFalse();
            assertThat(p.rehearsal().succeeded()).isFalse();
            assertThat(p.rehearsal().error()).contains("ck_test_no_server_0");
            assertThatThrownBy(() -> f.migration().build().execute()).isInstanceOf(MigrationException.class).hasMessageContaining("ck_test_no_server_0");
        }
    }

    @ParameterizedTest
    @EnumSource(V1Shape.class)
    void executeMapsEveryValueAndValidatePasses(V1Shape shape) {
        try (Fixture f = Fixture.allEdges(shape)) {
            String v1Before = f.v1State();
            ExecuteResult r = f.migration().batchSize(7).build().execute();
            assertThat(r.resourcesCreated()).isEqualTo(40);
            assertThat(r.capabilitiesCreated()).isEqualTo(120);
            assertThat(r.placeholderEndpoints()).isEqualTo(3);
            assertThat(r.batches()).isEqualTo(6 + 18);
            assertThat(f.v1State()).isEqualTo(v1Before);

            ValidationReport v = f.migration().build().validate(ValidationMode.FULL);
            assertThat(v.exitCode()).as(v.issues().toString()).isZero();
            assertThat(v.issues("data.fidelity_resources").get(0).severity()).isEqualTo(Severity.INFO);
            assertThat(v.issues("data.fidelity_capabilities").get(0).severity()).isEqualTo(Severity.INFO);
            assertThat(v.issues("data.placeholder_endpoints").get(0).severity()).isEqualTo(Severity.WARNING);

            // enum labels lowercased; timestamps kept (tools too)
            assertThat(f.count("SELECT count(*) FROM sark.resources WHERE metadata->>'transport' NOT IN ('stdio','http','sse')")).isZero();
            assertThat(f.count("SELECT count(*) FROM sark.capabilities c JOIN public.mcp_tools t ON c.id = t.id::text "
                    + "WHERE c.created_at = t.created_at AND c.updated_at = t.updated_at")).isEqualTo(120);
            // colliding keys keep both values
            UUID collide = f.data.edgeCaseServerIds().get(V1EdgeCase.COLLIDING_METADATA_KEYS).get(0);
            assertThat(f.one("SELECT metadata->'v1_extra_metadata'->>'status' FROM sark.resources WHERE id = '" + collide + "'")).isEqualTo("override");
            assertThat(f.one("SELECT metadata->>'status' FROM sark.resources WHERE id = '" + collide + "'"))
                    .isEqualTo(f.one("SELECT lower(status::text) FROM public.mcp_servers WHERE id = '" + collide + "'"));
            assertThat(f.one("SELECT metadata->>'owner' FROM sark.resources WHERE id = '" + collide + "'")).isEqualTo("ops");
            assertThat(f.count("SELECT count(*) FROM sark.capabilities c JOIN public.mcp_tools t ON c.id = t.id::text WHERE t.server_id = '" + collide
                    + "' AND c.metadata->'v1_extra_metadata'->>'signature' = 'forged' AND c.metadata->>'extra' = '1' "
                    + "AND (c.metadata->>'requires_approval')::boolean = t.requires_approval")).isEqualTo(3);
            // placeholder endpoint, flagged
            UUID none = f.data.edgeCaseServerIds().get(V1EdgeCase.NULL_COMMAND_AND_ENDPOINT).get(0);
            assertThat(f.one("SELECT endpoint FROM sark.resources WHERE id = '" + none + "'")).isEqualTo("urn:sark:v1-no-endpoint:" + none);
            assertThat(f.one("SELECT metadata->'v1_migration'->>'placeholder_endpoint' FROM sark.resources WHERE id = '" + none + "'")).isEqualTo("true");
            // unknown sensitivity: most restrictive + original kept
            UUID unknown = f.data.edgeCaseServerIds().get(V1EdgeCase.UNKNOWN_SENSITIVITY).get(0);
            assertThat(f.one("SELECT sensitivity_level || ' ' || (metadata->'v1_migration'->>'sensitivity_level') FROM sark.resources WHERE id = '"
                    + unknown + "'")).isEqualTo("critical " + (shape == V1Shape.ORM ? "RESTRICTED" : "restricted"));
            // non-object JSON kept
            UUID nonObject = f.data.edgeCaseServerIds().get(V1EdgeCase.NON_OBJECT_JSON).get(0);
            assertThat(f.one("SELECT metadata->'v1_extra_metadata' FROM sark.resources WHERE id = '" + nonObject + "'"))
                    .isEqualTo("[\"not\", \"an\", \"object\"]");
            assertThat(f.count("SELECT count(*) FROM sark.capabilities c JOIN public.mcp_tools t ON c.id = t.id::text WHERE t.server_id = '" + nonObject
                    + "' AND c.input_schema = '{}' AND c.metadata->'v1_migration'->>'input_schema' = 'a string schema'")).isEqualTo(shape == V1Shape.ORM ? 2 : 3);
            // unicode and large JSON survive
            UUID uni = f.data.edgeCaseServerIds().get(V1EdgeCase.UNICODE_NAMES).get(0);
            assertThat(f.one("SELECT name FROM sark.resources WHERE id = '" + uni + "'")).contains("漢字-🚀");
            UUID large = f.data.edgeCaseServerIds().get(V1EdgeCase.LARGE_JSON).get(0);
            assertThat(f.count("SELECT count(*) FROM sark.resources WHERE id = '" + large + "' AND metadata->'properties' ? 'field_1999'")).isEqualTo(1);
            if (shape == V1Shape.ORM) {
                assertThat(f.count("SELECT count(*) FROM sark.capabilities c JOIN public.mcp_tools t ON c.id = t.id::text "
                        + "WHERE (c.metadata->>'invocation_count')::int = t.invocation_count")).isEqualTo(120);
            }
        }
    }

    @Test
    void executeIsIdempotentAndPicksUpNewV1Rows() {
        try (Fixture f = Fixture.create(V1Shape.MIGRATION, 20, 2, EnumSet.of(V1EdgeCase.COLLIDING_METADATA_KEYS))) {
            f.migration().batchSize(6).build().execute();
            String state = f.v2State();
            ExecuteResult again = f.migration().batchSize(6).build().execute();
            assertThat(again.resourcesCreated()).isZero();
            assertThat(again.capabilitiesCreated()).isZero();
            assertThat(again.resourcesSkipped()).isEqualTo(20);
            assertThat(f.v2State()).isEqualTo(state);
            f.exec("INSERT INTO public.mcp_servers (id, name, transport, command) VALUES ('00000000-0000-4000-8000-000000000001', 'late', 'stdio', 'npx late')");
            ExecuteResult third = f.migration().build().execute();
            assertThat(third.resourcesCreated()).isEqualTo(1);
            assertThat(f.migration().build().validate(ValidationMode.FULL).exitCode()).isZero();
            StatusResult s = f.migration().build().status();
            assertThat(s.runs()).hasSize(3);
            assertThat(s.migratedResources()).isEqualTo(21);
            assertThat(s.runs().get(2).batchesDone()).isGreaterThan(0);
        }
    }

    @Test
    void validateFindsTamperedMissingAndForeignRows() {
        try (Fixture f = Fixture.create(V1Shape.MIGRATION, 30, 2, EnumSet.noneOf(V1EdgeCase.class))) {
            V1ToV2Migration m = f.migration().batchSize(8).build();
            assertThat(m.validate(ValidationMode.FULL).exitCode()).isEqualTo(1); // nothing migrated yet
            m.execute();
            assertThat(m.validate(ValidationMode.FULL).exitCode()).isZero();
            String tampered = f.one("SELECT id FROM sark.capabilities ORDER BY id LIMIT 1 OFFSET 17");
            f.exec("UPDATE sark.capabilities SET metadata = metadata || '{\"x\": 1}' WHERE id = '" + tampered + "'");
            ValidationReport r = m.validate(ValidationMode.DATA);
            assertThat(r.exitCode()).isEqualTo(1);
            ValidationReport.Issue fid = r.issues("data.fidelity_capabilities").get(0);
            assertThat(fid.severity()).isEqualTo(Severity.ERROR);
            assertThat(fid.details()).containsEntry("differing_rows", 1L);
            assertThat(fid.details().get("sample_ids")).isEqualTo(List.of(tampered));
            assertThat(m.validate(ValidationMode.QUICK).exitCode()).isZero(); // no data checks in quick mode
            f.exec("DELETE FROM sark.resources WHERE id = (SELECT id FROM sark.resources ORDER BY id LIMIT 1)");
            assertThat(m.validate(ValidationMode.DATA).issues("data.server_count_mismatch")).hasSize(1);
        }
    }

    @Test
    void validateIsCriticalWhenV2TablesAreMissing() {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            SarkSchema.configure().dataSource(db.dataSource()).schema("v6").target("6").load().migrate();
            ValidationReport r = V1ToV2Migration.builder().dataSource(db.dataSource()).v1Schema("v6").targetSchema("v6").build()
                    .validate(ValidationMode.SCHEMA);
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.issues("schema.table_exists")).extracting(ValidationReport.Issue::severity).containsOnly(Severity.CRITICAL).hasSize(3);
        }
    }

    @Test
    void builderRejectsBadSettings() {
        assertThatThrownBy(() -> V1ToV2Migration.builder().build()).hasMessageContaining("dataSource");
        try (Fixture f = Fixture.create(V1Shape.MIGRATION, 1, 0, EnumSet.noneOf(V1EdgeCase.class))) {
            assertThatThrownBy(() -> f.migration().batchSize(0).build())
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("batchSize"));
            assertThatThrownBy(() -> f.migration().targetSchema("Bad Schema").build())
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("targetSchema"));
        }
    }
}

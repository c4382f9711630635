package io.sark.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.testkit.v1.V1EdgeCase;
import io.sark.testkit.v1.V1Shape;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** v1 json that jsonb cannot hold (NUL escapes, keys twice) in the ORM shape: plan lists it, execute never sticks, nothing is lost. */
class InvalidJsonTest {

    static final Set<V1EdgeCase> JSON_EDGES = EnumSet.of(V1EdgeCase.NUL_IN_JSON, V1EdgeCase.DUPLICATE_JSON_KEYS, V1EdgeCase.NON_OBJECT_PARAMETERS);

    static Fixture orm() {
        return Fixture.create(V1Shape.ORM, 12, 2, JSON_EDGES);
    }

    @Test
    void planListsEveryValueWithItsColumnAndWhatWillHappen() {
        try (Fixture f = orm()) {
            PlanResult p = f.migration().build().plan();
            assertThat(p.ready()).as(p.problems().toString()).isTrue();
            Map<String, Long> kinds = p.attention().stream().collect(Collectors.toMap(g -> g.kind() + "/" + g.table(), AttentionGroup::count));
            // the three NUL servers (the near miss, an escaped backslash before u0000, is no NUL); tools: j=0 parameters, j=1 extra_metadata
            assertThat(kinds).containsEntry("JSON_NUL/mcp_servers", 3L).containsEntry("JSON_NUL/mcp_tools", 6L)
                    .containsEntry("JSON_DUPLICATE_KEYS/mcp_servers", 3L).containsEntry("JSON_DUPLICATE_KEYS/mcp_tools", 6L)
                    .containsEntry("NON_OBJECT_PARAMETERS/mcp_tools", 6L);
            AttentionGroup nul = p.attention().stream().filter(g -> g.kind().equals("JSON_NUL") && g.table().equals("mcp_tools")).findFirst().orElseThrow();
            assertThat(nul.description()).contains("escape rule", "sark_migration_json");
            assertThat(nul.sample()).hasSize(6).extracting(AttentionGroup.AttentionRow::detail)
                    .contains("parameters: NUL in a string", "extra_metadata: NUL in a string");
            AttentionGroup dup = p.attention().stream().filter(g -> g.kind().equals("JSON_DUPLICATE_KEYS") && g.table().equals("mcp_servers"))
                    .findFirst().orElseThrow();
            assertThat(dup.sample()).allSatisfy(r -> assertThat(r.detail()).isEqualTo("extra_metadata: key \"owner\" twice in one object"));
            assertThat(p.rehearsal().succeeded()).as(p.rehearsal().error()).isTrue();
            assertThat(p.rehearsal().resources()).isEqualTo(12);
            PlanResult skip = f.migration().invalidJson(InvalidJson.SKIP).build().plan();
            assertThat(skip.attention()).filteredOn(g -> g.kind().startsWith("JSON_")).allSatisfy(g -> assertThat(g.description()).contains("SKIPPED"));
            assertThat(skip.rehearsal().resources()).isEqualTo(6);
        }
    }

    @Test
    void executeEscapesNulKeepsEveryOriginalAndValidateProvesIt() {
        try (Fixture f = orm()) {
            ExecuteResult r = f.migration().batchSize(5).build().execute();
            assertThat(r.resourcesCreated()).isEqualTo(12);
            assertThat(r.capabilitiesCreated()).isEqualTo(24);
            assertThat(r.invalidJson()).hasSize(3 + 6 + 3 + 12).allSatisfy(j -> assertThat(j.action()).isEqualTo("migrated"));
            // the NUL became the text backslash-u0000; the original json text is kept byte for byte
            assertThat(f.count("SELECT count(*) FROM sark.resources WHERE metadata->>'note' = 'nul' || chr(92) || 'u0000here'")).isEqualTo(1);
            assertThat(f.count("SELECT count(*) FROM sark.sark_migration_json j JOIN public.mcp_servers s ON s.id = j.v1_id "
                    + "WHERE j.column_name = 'extra_metadata' AND j.original = s.extra_metadata::text")).isEqualTo(6);
            assertThat(f.count("SELECT count(*) FROM sark.resources WHERE metadata->>'owner' = 'second'")).isEqualTo(3);
            ValidationReport v = f.migration().build().validate(ValidationMode.FULL);
            assertThat(v.exitCode()).as(v.issues().toString()).isZero();
            assertThat(v.issues("data.json_originals")).singleElement().satisfies(i -> {
                assertThat(i.severity()).isEqualTo(Severity.INFO);
                assertThat(i.details()).containsEntry("values", 24).containsEntry("migrated", 24L);
            });
            // a kept original that no longer equals v1 (or is gone) is an error: the proof is real
            f.exec("UPDATE sark.sark_migration_json SET original = original || ' ' WHERE kind = 1 AND column_name = 'extra_metadata' "
                    + "AND v1_id = (SELECT min(v1_id::text)::uuid FROM sark.sark_migration_json WHERE kind = 1)");
            assertThat(f.migration().build().validate(ValidationMode.DATA).issues("data.json_originals"))
                    .singleElement().satisfies(i -> assertThat(i.severity()).isEqualTo(Severity.ERROR));
        }
    }

    @Test
    void skipLeavesTheRowsOutWithAReasonAndALaterEscapeRunMigratesThem() {
        try (Fixture f = orm()) {
            // a server with a NUL whose two tools are clean: they are skipped with it (a capability needs its resource); so are
            // the tools of the six other skipped servers: 7 x 2 entries "server_skipped"
            f.exec("UPDATE public.mcp_servers SET extra_metadata = '{\"x\": \"\\u0000\"}' WHERE name = 'server-10'");
            ExecuteResult r = f.migration().invalidJson(InvalidJson.SKIP).build().execute();
            assertThat(r.resourcesCreated()).isEqualTo(5);
            assertThat(r.capabilitiesCreated()).isEqualTo(10);
            assertThat(r.invalidJson()).allSatisfy(j -> {
                assertThat(j.action()).isEqualTo("skipped");
                assertThat(j.reason()).contains("--invalid-json=skip");
            });
            assertThat(r.invalidJson()).filteredOn(j -> j.problems().equals("server_skipped")).hasSize(14);
            ValidationReport v = f.migration().build().validate(ValidationMode.FULL);
            assertThat(v.exitCode()).as(v.issues().toString()).isZero();
            assertThat(v.issues("data.json_skipped")).singleElement().satisfies(i -> assertThat(i.severity()).isEqualTo(Severity.WARNING));
            ExecuteResult again = f.migration().build().execute();
            assertThat(again.resourcesCreated()).isEqualTo(7);
            assertThat(again.capabilitiesCreated()).isEqualTo(14);
            assertThat(again.invalidJson()).allSatisfy(j -> assertThat(j.action()).isEqualTo("migrated"));
            assertThat(f.migration().build().validate(ValidationMode.FULL).exitCode()).isZero();
        }
    }

    @Test
    void aFailedRunResumesPastTheRowsAndEndsLikeAnUninterruptedOne() {
        String expected;
        try (Fixture f = orm()) {
            f.migration().batchSize(3).build().execute();
            expected = f.checksum("sark.resources") + f.checksum("sark.capabilities") + f.checksum("sark.sark_migration_json");
        }
        try (Fixture f = orm()) {
            assertThatThrownBy(() -> f.migration().batchSize(3).batchHook((run, phase, batch) -> {
                if (batch == 6) {
                    throw new IllegalStateException("boom");
                }
            }).build().execute()).isInstanceOf(MigrationException.class).hasMessageContaining("resume");
            assertThatThrownBy(() -> f.migration().batchSize(3).invalidJson(InvalidJson.SKIP).build().execute())
                    .hasMessageContaining("--invalid-json=escape");
            ExecuteResult r = f.migration().batchSize(3).build().execute();
            assertThat(r.resumed()).isTrue();
            String sameColumns = f.checksum("sark.resources") + f.checksum("sark.capabilities");
            assertThat(sameColumns + f.checksum("sark.sark_migration_json")).isNotEqualTo(expected); // recorded_at differs
            assertThat(sameColumns).isEqualTo(expected.substring(0, sameColumns.length()));
            assertThat(f.migration().build().validate(ValidationMode.FULL).exitCode()).isZero();
        }
    }
}

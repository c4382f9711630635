package io.sark.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.testkit.v1.V1EdgeCase;
import io.sark.testkit.v1.V1Shape;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class RollbackTest {

    private static Fixture migratedWithNatives() {
        Fixture f = Fixture.create(V1Shape.ORM, 12, 2, EnumSet.of(V1EdgeCase.NULL_COMMAND_AND_ENDPOINT));
        f.migration().batchSize(5).build().execute();
        f.exec("INSERT INTO sark.resources (id, name, protocol, endpoint) VALUES ('native-mcp', 'adapter fs', 'mcp', 'npx fs'), "
                + "('native-http', 'weather', 'http', 'https://api.example.com'), ('native-grpc', 'billing', 'grpc', 'grpc://b:443')");
        f.exec("INSERT INTO sark.capabilities (id, resource_id, name) VALUES ('native-cap-1', 'native-mcp', 'read'), ('native-cap-2', 'native-http', 'get')");
        return f;
    }

    @Test
    void deletesOnlyMigratedRowsLeavesV1AndNativeRowsAndIsIdempotent() {
        try (Fixture f = migratedWithNatives()) {
            String v1 = f.v1State();
            String natives = f.one("SELECT string_agg(id, ',' ORDER BY id) FROM sark.resources WHERE id LIKE 'native-%'");

            RollbackResult dry = f.migration().build().rollback(new RollbackOptions(true, false, null));
            assertThat(dry.refused()).isFalse();
            assertThat(dry.resourcesDeleted()).isEqualTo(12);
            assertThat(dry.capabilitiesDeleted()).isEqualTo(24);
            assertThat(f.count("SELECT count(*) FROM sark.resources")).isEqualTo(15);
            assertThat(f.count("SELECT count(*) FROM sark.sark_migration_rows")).isEqualTo(36);

            RollbackResult r = f.migration().build().rollback(RollbackOptions.defaults());
            assertThat(r.resourcesDeleted()).isEqualTo(12);
            assertThat(r.capabilitiesDeleted()).isEqualTo(24);
            assertThat(f.one("SELECT string_agg(id, ',' ORDER BY id) FROM sark.resources")).isEqualTo(natives);
            assertThat(f.count("SELECT count(*) FROM sark.capabilities")).isEqualTo(2);
            assertThat(f.v1State()).isEqualTo(v1);
            assertThat(f.migration().build().status().runs().get(0).state()).isEqualTo(RunStatus.ROLLED_BACK);

            RollbackResult again = f.migration().build().rollback(RollbackOptions.defaults());
            assertThat(again.resourcesDeleted()).isZero();
            assertThat(again.capabilitiesDeleted()).isZero();

            // and the migration can run again afterwards
            ExecuteResult re = f.migration().build().execute();
            assertThat(re.resourcesCreated()).isEqualTo(12);
            assertThat(f.migration().build().validate(ValidationMode.FULL).exitCode()).isZero();
        }
    }

    /**
     * V8's catalogue_counts (what DAO countPerProtocol reads) stay equal to the tables through the migration's bulk
     * INSERT ... SELECT batches, a dry-run rollback (rolled back), a rollback that deletes the migrated rows, and a
     * second execute.
     */
    @Test
    void catalogueCountsFollowExecuteRollbackAndReExecute() {
        try (Fixture f = Fixture.create(V1Shape.MIGRATION, 30, 3, EnumSet.noneOf(V1EdgeCase.class))) {
            assertCountsMatchTables(f, 0);
            f.migration().batchSize(7).build().execute();
            f.exec("INSERT INTO sark.resources (id, name, protocol, endpoint) VALUES ('native-http', 'weather', 'http', 'https://w')");
            f.exec("INSERT INTO sark.capabilities (id, resource_id, name) VALUES ('native-cap', 'native-http', 'get')");
            assertCountsMatchTables(f, 31);
            f.migration().build().rollback(new RollbackOptions(true, false, null));
            assertCountsMatchTables(f, 31);
            RollbackResult r = f.migration().build().rollback(RollbackOptions.defaults());
            assertThat(r.resourcesDeleted()).isEqualTo(30);
            assertCountsMatchTables(f, 1);
            f.migration().batchSize(11).build().execute();
            assertCountsMatchTables(f, 31);
        }
    }

    private static void assertCountsMatchTables(Fixture f, long resources) {
        String real = "SELECT coalesce(string_agg(protocol || ':' || rs || ':' || cs, ',' ORDER BY protocol), '') FROM ("
                + "SELECT r.protocol, count(DISTINCT r.id) AS rs, count(c.id) AS cs FROM sark.resources r "
                + "LEFT JOIN sark.capabilities c ON c.resource_id = r.id GROUP BY r.protocol) t";
        String kept = "SELECT coalesce(string_agg(protocol || ':' || rs || ':' || cs, ',' ORDER BY protocol), '') FROM ("
                + "SELECT protocol, sum(resources) AS rs, sum(capabilities) AS cs FROM sark.catalogue_counts GROUP BY protocol "
                + "HAVING sum(resources) > 0) t";
        assertThat(f.one(kept)).isEqualTo(f.one(real));
        assertThat(f.count("SELECT count(*) FROM sark.resources")).isEqualTo(resources);
    }

    @Test
    void refusesWhenCostOrAuditRowsReferenceMigratedCapabilitiesUnlessForced() {
        try (Fixture f = migratedWithNatives()) {
            String cap = f.one("SELECT id FROM sark.capabilities WHERE id NOT LIKE 'native-%' ORDER BY id LIMIT 1");
            String res = f.one("SELECT resource_id FROM sark.capabilities WHERE id = '" + cap + "'");
            f.exec("INSERT INTO sark.principal_budgets (principal_id) VALUES ('alice')");
            f.exec("INSERT INTO sark.cost_tracking (principal_id, resource_id, capability_id, actual_cost) VALUES ('alice', '" + res + "', '"
                    + cap + "', 0.25)");
            f.exec("INSERT INTO sark.audit_events (id, event_type, capability_id) VALUES (gen_random_uuid(), 'tool_invoked', '" + cap + "')");
            String before = f.v2State();

            RollbackResult refused = f.migration().build().rollback(RollbackOptions.defaults());
            assertThat(refused.refused()).isTrue();
            assertThat(refused.referencedByCosts()).containsExactly("capability " + cap);
            assertThat(refused.referencedByAudit()).containsExactly("capability " + cap);
            assertThat(refused.referenceCount()).isEqualTo(2);
            assertThat(f.v2State()).isEqualTo(before);

            RollbackResult forced = f.migration().build().rollback(new RollbackOptions(false, true, null));
            assertThat(forced.refused()).isFalse();
            assertThat(forced.resourcesDeleted()).isEqualTo(12);
            // the ledger and the audit trail outlive the catalogue
            assertThat(f.count("SELECT count(*) FROM sark.cost_tracking")).isEqualTo(1);
            assertThat(f.count("SELECT count(*) FROM sark.audit_events")).isEqualTo(1);
        }
    }

    @Test
    void refusesWhenNativeCapabilitiesHangUnderMigratedResources() {
        try (Fixture f = migratedWithNatives()) {
            String res = f.one("SELECT id FROM sark.resources WHERE id NOT LIKE 'native-%' ORDER BY id LIMIT 1");
            f.exec("INSERT INTO sark.capabilities (id, resource_id, name) VALUES ('native-under-migrated', '" + res + "', 'added later')");
            RollbackResult refused = f.migration().build().rollback(RollbackOptions.defaults());
            assertThat(refused.refused()).isTrue();
            assertThat(refused.nativeChildren()).containsExactly("native-under-migrated");
            RollbackResult forced = f.migration().build().rollback(new RollbackOptions(false, true, null));
            assertThat(forced.nativeCapabilitiesDeleted()).isEqualTo(1);
            assertThat(f.count("SELECT count(*) FROM sark.capabilities")).isEqualTo(2);
        }
    }

    @Test
    void rollsBackOneRunOnly() {
        try (Fixture f = Fixture.create(V1Shape.MIGRATION, 6, 1, EnumSet.noneOf(V1EdgeCase.class))) {
            ExecuteResult first = f.migration().build().execute();
            f.exec("INSERT INTO public.mcp_servers (id, name, transport, command) VALUES ('00000000-0000-4000-8000-00000000000a', 'late', 'stdio', 'x')");
            ExecuteResult second = f.migration().build().execute();
            RollbackResult r = f.migration().build().rollback(new RollbackOptions(false, false, second.runId()));
            assertThat(r.resourcesDeleted()).isEqualTo(1);
            assertThat(f.count("SELECT count(*) FROM sark.resources")).isEqualTo(6);
            assertThat(f.migration().build().status().runs()).extracting(StatusResult.Run::state).containsExactly(RunStatus.ROLLED_BACK, RunStatus.COMPLETED);
            assertThat(first.resourcesCreated()).isEqualTo(6);
        }
    }
}

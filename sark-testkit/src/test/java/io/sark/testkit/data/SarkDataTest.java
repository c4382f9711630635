package io.sark.testkit.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.enums.Auditeventtype;
import io.sark.schema.jooq.tables.records.AuditEventsRecord;
import io.sark.schema.jooq.tables.records.BudgetReservationsRecord;
import io.sark.schema.jooq.tables.records.CostTrackingRecord;
import io.sark.schema.jooq.tables.records.PrincipalBudgetsRecord;
import io.sark.schema.jooq.tables.records.TeamsRecord;
import io.sark.schema.jooq.tables.records.UsersRecord;
import io.sark.testkit.Isolation;
import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import java.math.BigDecimal;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;

@SarkDatabaseTest(isolation = Isolation.PER_METHOD)
class SarkDataTest {

    @Test
    void everyBuilderInsertsAValidRowWithDefaults(SarkData data, DSLContext dsl) {
        UsersRecord user = data.user().insert();
        TeamsRecord team = data.team().members(user).withMembers(2).insert();
        TestResource resource = data.resource().protocol("http").withCapabilities(3).insert();
        TestFederationNode node = data.federationNode().insert();
        PrincipalBudgetsRecord budget = data.budget().insert();
        BudgetReservationsRecord reservation = data.reservation().budget(budget).insert();
        CostTrackingRecord cost = data.cost().principal(budget).forCapability(resource.capabilities().get(0)).insert();
        AuditEventsRecord event = data.auditEvent().user(user).capability(resource.capabilities().get(1)).insert();
        TestApiKey key = data.apiKey().user(user).team(team).insert();
        TestPolicy policy = data.policy().versions(2).createdBy(user).insert();

        assertThat(dsl.fetchCount(Tables.USERS)).isEqualTo(3);
        assertThat(dsl.fetchCount(Tables.USER_TEAMS, Tables.USER_TEAMS.TEAM_ID.eq(team.getId()))).isEqualTo(3);
        assertThat(resource.resource().getEndpoint()).startsWith("https://");
        assertThat(resource.capabilities()).hasSize(3).allSatisfy(c -> assertThat(c.getResourceId()).isEqualTo(resource.id()));
        assertThat(node.node().getTrustAnchorSha256()).isEqualTo(node.certificate().sha256());
        assertThat(reservation.getId()).isNotNull();
        assertThat(dsl.fetchOne(Tables.PRINCIPAL_BUDGETS, Tables.PRINCIPAL_BUDGETS.PRINCIPAL_ID.eq(budget.getPrincipalId()))
                .getDailyReserved()).isEqualByComparingTo(reservation.getAmount());
        assertThat(cost.getId()).isNotNull();
        assertThat(cost.getActualCost()).isPositive();
        assertThat(event.getUserEmail()).isEqualTo(user.getEmail());
        assertThat(event.getEventType()).isEqualTo(Auditeventtype.tool_invoked);
        assertThat(key.record().getKeyHash()).isEqualTo(ApiKeyBuilder.sha256(key.plaintext()));
        assertThat(key.plaintext()).startsWith(key.record().getKeyPrefix() + "_");
        assertThat(policy.policy().getCurrentVersionId()).isEqualTo(policy.currentVersion().getId());
        assertThat(policy.versions()).extracting(v -> v.getIsActive()).containsExactly(false, true);
    }

    @Test
    void parentsAreCreatedWhenNotGiven(SarkData data, DSLContext dsl) {
        data.reservation().insert();
        data.cost().insert(5);
        data.apiKey().insert();
        data.capability().insert();
        assertThat(dsl.fetchCount(Tables.PRINCIPAL_BUDGETS)).isEqualTo(2);
        assertThat(dsl.fetchCount(Tables.COST_TRACKING)).isEqualTo(5);
        assertThat(dsl.fetchCount(Tables.USERS)).isEqualTo(1);
        assertThat(dsl.fetchCount(Tables.RESOURCES)).isEqualTo(2);
        // the ledger's rows join the catalogue in the daily view
        dsl.execute("REFRESH MATERIALIZED VIEW mv_daily_cost_summary");
        assertThat(dsl.fetch("SELECT DISTINCT protocol FROM mv_daily_cost_summary").getValues(0, String.class)).containsExactly("mcp");
    }

    @Test
    void overridesAndBatches(SarkData data, DSLContext dsl) {
        PrincipalBudgetsRecord budget = data.budget().principal("alice").daily("10").currency("EUR").insert();
        List<CostTrackingRecord> costs = data.cost().principal(budget).cost("0.25").idempotencyKey("k").insert(4);
        assertThat(costs).extracting(CostTrackingRecord::getCurrency).containsOnly("EUR");
        assertThat(costs).extracting(CostTrackingRecord::getIdempotencyKey).containsExactly("k-0", "k-1", "k-2", "k-3");
        assertThat(dsl.fetchCount(Tables.COST_IDEMPOTENCY)).isEqualTo(4);
        assertThat(costs.get(3).getTimestamp().toInstant()).isEqualTo(SarkData.DEFAULT_NOW);
        assertThat(costs.get(0).getTimestamp().toInstant()).isEqualTo(SarkData.DEFAULT_NOW.minusSeconds(180));
        assertThat((BigDecimal) dsl.fetchValue("SELECT sum(actual_cost) FROM cost_tracking"))
                .isEqualByComparingTo("1.00");
        List<AuditEventsRecord> events = data.auditEvent().type(Auditeventtype.authorization_denied)
                .decision("deny").in(Duration.ofHours(-1)).insert(3);
        assertThat(events).extracting(AuditEventsRecord::getId).doesNotHaveDuplicates();
        assertThat(data.federationNode().nodeId("peer.example").rateLimitPerHour(null).enabled(false).insert().node())
                .satisfies(n -> {
                    assertThat(n.getRateLimitPerHour()).isNull();
                    assertThat(n.getEnabled()).isFalse();
                    assertThat(n.getEndpoint()).isEqualTo("https://peer.example:8443");
                });
        assertThat(data.apiKey().expiresIn(null).insert().record().getExpiresAt()).isNull();
    }

    @Test
    void sameSeedSameRowsDifferentSeedDifferentRows(TestDatabase db) {
        try (TestDatabase other = SarkTestDatabases.shared().create()) {
            List<List<Record>> first = buildAll(SarkData.with(db.dsl(), 7));
            List<List<Record>> second = buildAll(SarkData.with(other.dsl(), 7));
            assertThat(second).isEqualTo(first);
            assertThat(SarkData.with(other.dsl(), 8).user().insert().getEmail())
                    .isNotEqualTo(first.get(0).get(0).get(Tables.USERS.EMAIL));
        }
    }

    private static List<List<Record>> buildAll(SarkData data) {
        data.user().insert();
        data.team().withMembers(1).insert();
        data.resource().withCapabilities(2).randomSensitivity().insert();
        data.federationNode().insert();
        data.reservation().insert();
        data.cost().insert(2);
        data.auditEvent().insert();
        data.apiKey().insert();
        data.policy().insert();
        DSLContext dsl = data.dsl();
        return List.of(
                List.copyOf(dsl.selectFrom(Tables.USERS).orderBy(Tables.USERS.EMAIL).fetch()),
                List.copyOf(dsl.selectFrom(Tables.TEAMS).fetch()),
                List.copyOf(dsl.selectFrom(Tables.RESOURCES).orderBy(Tables.RESOURCES.ID).fetch()),
                List.copyOf(dsl.selectFrom(Tables.CAPABILITIES).orderBy(Tables.CAPABILITIES.ID).fetch()),
                List.copyOf(dsl.selectFrom(Tables.FEDERATION_NODES).fetch()),
                List.copyOf(dsl.selectFrom(Tables.PRINCIPAL_BUDGETS).orderBy(Tables.PRINCIPAL_BUDGETS.PRINCIPAL_ID).fetch()),
                List.copyOf(dsl.selectFrom(Tables.BUDGET_RESERVATIONS).fetch()),
                List.copyOf(dsl.selectFrom(Tables.COST_TRACKING).orderBy(Tables.COST_TRACKING.ID).fetch()),
                List.copyOf(dsl.selectFrom(Tables.AUDIT_EVENTS).fetch()),
                List.copyOf(dsl.selectFrom(Tables.API_KEYS).fetch()),
                List.copyOf(dsl.selectFrom(Tables.POLICIES).fetch()),
                List.copyOf(dsl.selectFrom(Tables.POLICY_VERSIONS).fetch()));
    }

    @Test
    void certificatesAreValidSelfSignedAndDeterministic() throws Exception {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        SelfSignedCertificate cert = SelfSignedCertificate.generate("node-1.example.test", 5, start);
        X509Certificate x = cert.certificate();
        x.verify(x.getPublicKey());
        x.checkValidity(java.util.Date.from(start.plus(Duration.ofDays(365 * 50))));
        assertThat(x.getVersion()).isEqualTo(3);
        assertThat(x.getSubjectX500Principal()).isEqualTo(x.getIssuerX500Principal());
        assertThat(x.getSubjectX500Principal().getName()).contains("CN=node-1.example.test").contains("O=SARK testkit");
        assertThat(x.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(x.getSubjectAlternativeNames()).containsExactly(List.of(2, "node-1.example.test"));
        assertThat(x.getNotBefore().toInstant()).isEqualTo(start);
        assertThat(x.getNotAfter().toInstant()).isEqualTo(Instant.parse("2126-01-01T00:00:00Z"));
        assertThat(x.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.pem()).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(cert.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");

        SelfSignedCertificate again = SelfSignedCertificate.generate("node-1.example.test", 5, start);
        assertThat(again.pem()).isEqualTo(cert.pem());
        assertThat(again.privateKey().getEncoded()).isEqualTo(cert.privateKey().getEncoded());
        assertThat(SelfSignedCertificate.generate("node-1.example.test", 6, start).pem()).isNotEqualTo(cert.pem());
    }

    @Test
    void buildersWriteIntoANonDefaultSchema() {
        try (TestDatabase db = SarkTestDatabases.shared().create("tenant_data")) {
            SarkData data = SarkData.with(db.dsl(), 3);
            data.resource().withCapabilities(1).insert();
            data.federationNode().insert();
            assertThat(db.dsl().fetchValue("SELECT count(*) FROM tenant_data.resources", Long.class)).isEqualTo(1L);
            assertThat(db.dsl().fetchValue("SELECT count(*) FROM tenant_data.federation_nodes", Long.class)).isEqualTo(1L);
        }
    }
}

package io.sark.testkit.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.dao.SarkDatabase;
import io.sark.dao.model.ApiKey;
import io.sark.dao.model.AuditEvent;
import io.sark.dao.model.AuditEventType;
import io.sark.dao.model.BudgetReservation;
import io.sark.dao.model.BudgetStatus;
import io.sark.dao.model.Capability;
import io.sark.dao.model.Cost;
import io.sark.dao.model.CreatedApiKey;
import io.sark.dao.model.Protocol;
import io.sark.dao.model.ResourceWithCapabilities;
import io.sark.dao.model.SensitivityLevel;
import io.sark.dao.model.Team;
import io.sark.dao.model.User;
import io.sark.schema.jooq.Tables;
import io.sark.testkit.Isolation;
import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.SelfSignedCertificate;
import io.sark.testkit.TestDatabase;
import java.math.BigDecimal;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;

@SarkDatabaseTest(isolation = Isolation.PER_METHOD)
class SarkDataTest {

    private static final Instant T0 = Instant.parse("2026-01-15T12:00:00Z");

    @Test
    void everyBuilderReturnsTheDaosModel(SarkData data, SarkDatabase db, DSLContext dsl) {
        User user = data.user().insert();
        Team team = data.team().members(user).withMembers(2).insert();
        ResourceWithCapabilities resource = data.resource().protocol(Protocol.HTTP).withCapabilities(3).insert();
        TestFederationNode node = data.federationNode().insert();
        BudgetStatus budget = data.budget().insert();
        BudgetReservation reservation = data.reservation().budget(budget).insert();
        Capability capability = resource.capabilities().get(0);
        Cost cost = data.cost().principal(budget).forCapability(capability).insert();
        AuditEvent event = data.auditEvent().user(user).capability(resource.capabilities().get(1)).insert();
        CreatedApiKey key = data.apiKey().user(user).team(team).insert();
        TestPolicy policy = data.policy().versions(2).createdBy(user).insert();

        assertThat(db.users().findById(user.id())).contains(user);
        assertThat(db.teams().members(team.id())).hasSize(3).contains(user);
        assertThat(resource.resource().protocol()).isEqualTo(Protocol.HTTP);
        assertThat(resource.resource().endpoint()).startsWith("https://");
        assertThat(resource.capabilities()).hasSize(3).allSatisfy(c -> assertThat(c.resourceId()).isEqualTo(resource.resource().id()));
        assertThat(db.resources().findWithCapabilities(resource.resource().id())).contains(resource);
        assertThat(node.node().trustAnchorCert()).isEqualTo(node.certificate().pem());
        assertThat(db.federationNodes().findByCertificateFingerprint(node.certificate().sha256())).containsExactly(node.node());
        assertThat(db.budgets().status(budget.principalId()).orElseThrow().reserved()).isEqualByComparingTo(reservation.amount());
        assertThat(cost.actualCost().orElseThrow()).isPositive();
        assertThat(cost.capabilityId()).isEqualTo(capability.id());
        assertThat(event.userEmail()).contains(user.email());
        assertThat(event.eventType()).isEqualTo(AuditEventType.TOOL_INVOKED);
        assertThat(db.auditEvents().findById(event.id())).contains(event);
        assertThat(key.apiKey().teamId()).contains(team.id());
        assertThat(policy.policy().currentVersionId()).contains(policy.currentVersion().id());
        assertThat(policy.versions()).extracting(v -> v.active()).containsExactly(false, true);
        assertThat(dsl.fetchCount(Tables.USERS)).isEqualTo(3);
    }

    @Test
    void apiKeysVerifyThroughTheDaoWhileValid(SarkData data, SarkDatabase db) {
        User owner = data.user().insert();
        CreatedApiKey key = data.apiKey().user(owner).scopes("server:read", "server:write").insert();
        assertThat(key.plaintext()).matches("sark_[a-z2-7]{12}_[A-Za-z0-9_-]{43}");
        assertThat(db.apiKeys().verify(key.plaintext())).contains(key.apiKey());
        assertThat(key.apiKey().scopes()).containsExactly("server:read", "server:write");
        assertThat(db.apiKeys().recordUsage(key.apiKey().id(), "192.0.2.1").usageCount()).isEqualTo(1);

        assertThat(db.apiKeys().verify(data.apiKey().revoked(owner).insert().plaintext())).isEmpty();
        assertThat(db.apiKeys().verify(data.apiKey().expiresIn(Duration.ofMinutes(-1)).insert().plaintext())).isEmpty();
        CreatedApiKey forever = data.apiKey().expiresIn(null).insert();
        assertThat(forever.apiKey().expiresAt()).isEmpty();
        assertThat(db.apiKeys().verify(forever.plaintext())).isPresent();
        assertThat(db.apiKeys().verify(key.plaintext() + "x")).isEmpty();
    }

    @Test
    void holdsAreLiveForTheDaoUntilTheyExpire(SarkData data, SarkDatabase db) {
        BudgetStatus budget = data.budget().principal("alice").daily("10.00").insert();
        BudgetReservation hold = data.reservation().budget(budget).amount("2.50").insert();
        data.reservation().budget(budget).amount("1.00").expiresIn(Duration.ofMinutes(-1)).insert();

        assertThat(db.budgets().findReservation("alice", hold.id())).contains(hold);
        // the expired hold does not count, the live one does: the DAO and the builders share one clock
        assertThat(db.budgets().status("alice").orElseThrow().reserved()).isEqualByComparingTo("2.50");
        assertThat(db.budgets().settle(hold, new BigDecimal("2.00")).toString()).isNotEmpty();
        assertThat(db.budgets().status("alice").orElseThrow().dailySpent()).isEqualByComparingTo("2.00");
        assertThat(db.budgets().status("alice").orElseThrow().reserved()).isEqualByComparingTo("0");
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
        BudgetStatus budget = data.budget().principal("alice").daily("10").currency("EUR").insert();
        Instant end = data.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<Cost> costs = data.cost().principal(budget).cost("0.25").idempotencyKey("k").at(end).insert(4);
        assertThat(costs).extracting(Cost::currency).containsOnly("EUR");
        assertThat(costs).extracting(c -> c.idempotencyKey().orElseThrow()).containsExactly("k-0", "k-1", "k-2", "k-3");
        assertThat(dsl.fetchCount(Tables.COST_IDEMPOTENCY)).isEqualTo(4);
        assertThat(costs.get(3).timestamp()).isEqualTo(end);
        assertThat(costs.get(0).timestamp()).isEqualTo(end.minusSeconds(180));
        assertThat((BigDecimal) dsl.fetchValue("SELECT sum(actual_cost) FROM cost_tracking")).isEqualByComparingTo("1.00");
        List<AuditEvent> events = data.auditEvent().type(AuditEventType.AUTHORIZATION_DENIED)
                .decision("deny").in(Duration.ofHours(-1)).insert(3);
        assertThat(events).extracting(AuditEvent::id).doesNotHaveDuplicates();
        assertThat(events).extracting(AuditEvent::eventType).containsOnly(AuditEventType.AUTHORIZATION_DENIED);
        assertThat(data.resource().sensitivity(SensitivityLevel.CRITICAL).insert().resource().sensitivityLevel())
                .isEqualTo(SensitivityLevel.CRITICAL);
        assertThat(data.federationNode().nodeId("peer.example").rateLimitPerHour(null).enabled(false).insert().node())
                .satisfies(n -> {
                    assertThat(n.rateLimitPerHour()).isEmpty();
                    assertThat(n.enabled()).isFalse();
                    assertThat(n.endpoint()).isEqualTo("https://peer.example:8443");
                });
    }

    @Test
    void toStringIsOneShortLine(SarkData data) {
        TestFederationNode node = data.federationNode().nodeId("short.example").insert();
        assertThat(node.toString()).isEqualTo("TestFederationNode[short.example, " + node.certificate() + "]")
                .doesNotContain("\n").doesNotContain("BEGIN").hasSizeLessThan(160);
        assertThat(node.certificate().toString()).startsWith("SelfSignedCertificate[").contains("CN=short.example");
    }

    @Test
    void sameSeedSameRowsDifferentSeedDifferentRows(TestDatabase db) {
        Clock fixed = Clock.fixed(T0, ZoneOffset.UTC);
        try (TestDatabase other = SarkTestDatabases.shared().create()) {
            List<List<Record>> first = buildAll(SarkData.with(db.dsl(), 7, fixed));
            List<List<Record>> second = buildAll(SarkData.with(other.dsl(), 7, fixed));
            assertThat(second).isEqualTo(first);
            assertThat(SarkData.with(other.dsl(), 8, fixed).user().insert().email())
                    .isNotEqualTo(first.get(0).get(0).get(Tables.USERS.EMAIL));
            assertThat(first.get(0).get(0).get(Tables.USERS.CREATED_AT).toInstant()).isEqualTo(T0);
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
            assertThat(data.resource().withCapabilities(1).insert().capabilities()).hasSize(1);
            data.federationNode().insert();
            assertThat(data.database().schema()).isEqualTo("tenant_data");
            assertThat(db.dsl().fetchValue("SELECT count(*) FROM tenant_data.resources", Long.class)).isEqualTo(1L);
            assertThat(db.dsl().fetchValue("SELECT count(*) FROM tenant_data.federation_nodes", Long.class)).isEqualTo(1L);
        }
    }
}

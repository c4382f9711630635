package io.sark.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.dao.model.AuditEventType;
import io.sark.dao.model.BudgetLimits;
import io.sark.dao.model.CapabilityUpdate;
import io.sark.dao.model.NewApiKey;
import io.sark.dao.model.NewAuditEvent;
import io.sark.dao.model.NewCapability;
import io.sark.dao.model.NewCost;
import io.sark.dao.model.NewFederationNode;
import io.sark.dao.model.NewGatewayAuditEvent;
import io.sark.dao.model.NewPolicy;
import io.sark.dao.model.NewPolicyVersion;
import io.sark.dao.model.NewResource;
import io.sark.dao.model.NewTeam;
import io.sark.dao.model.NewUser;
import io.sark.dao.model.Protocol;
import io.sark.dao.model.ResourceUpdate;
import io.sark.dao.model.UserUpdate;
import io.sark.schema.InvalidInputException;
import io.sark.schema.json.SarkJson;
import io.sark.testkit.SarkDatabaseTest;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * The bad-input table of docs/dao.md, run over every public write method: each class of bad input must be refused
 * with an {@link InvalidInputException} naming the field, with a message of bounded length, and nothing may be
 * written. {@link #everyPublicWriteMethodIsInTheTable} makes a new write method fail this test until it is added.
 */
@SarkDatabaseTest
class BadInputTest {

    /** Text that PostgreSQL cannot store faithfully: NUL, unpaired surrogates (the driver would send them as '?'). */
    static final List<String> BAD_TEXT = List.of("a\u0000b", "mallory\uD800", "r\uDFFF", "\uDC00\uD800");
    static final String PEM = Fixtures.pem("node-a");

    record Case(String method, String field, ThrowingCallable call) {
    }

    /** Every public write method with the text, JSON, amount and timestamp fields it takes. */
    static List<Case> cases(SarkDatabase db) {
        List<Case> c = new ArrayList<>();
        UUID u = UUID.randomUUID();
        for (String t : BAD_TEXT) {
            c.add(new Case("resources.create", "name", () -> db.resources().create(NewResource.mcp(t, "cmd"))));
            c.add(new Case("resources.upsert", "endpoint", () -> db.resources().upsert(NewResource.mcp("n", t))));
            c.add(new Case("resources.register", "id", () -> db.resources().register(NewResource.mcp("n", "c").id(t), List.of())));
            c.add(new Case("resources.update", "id", () -> db.resources().update(t, ResourceUpdate.none())));
            c.add(new Case("resources.update", "name", () -> db.resources().update("r", ResourceUpdate.none().name(t))));
            c.add(new Case("resources.delete", "id", () -> db.resources().delete(t)));
            c.add(new Case("capabilities.create", "resourceId", () -> db.capabilities().create(t, NewCapability.of("n"))));
            c.add(new Case("capabilities.createAll", "name", () -> db.capabilities().createAll("r", List.of(NewCapability.of(t)))));
            c.add(new Case("capabilities.upsert", "description", () -> db.capabilities().upsert("r", NewCapability.of("n").description(t))));
            c.add(new Case("capabilities.update", "id", () -> db.capabilities().update(t, CapabilityUpdate.none())));
            c.add(new Case("capabilities.delete", "id", () -> db.capabilities().delete(t)));
            c.add(new Case("federationNodes.register", "name", () -> db.federationNodes().register(NewFederationNode.of("n", t, "https://e.test", PEM))));
            c.add(new Case("federationNodes.revoke", "nodeId", () -> db.federationNodes().revoke(t)));
            c.add(new Case("federationNodes.reEnable", "nodeId", () -> db.federationNodes().reEnable(t)));
            c.add(new Case("federationNodes.changeRateLimit", "nodeId", () -> db.federationNodes().changeRateLimit(t, 1)));
            c.add(new Case("auditEvents.append", "toolName", () -> db.auditEvents().append(NewAuditEvent.of(AuditEventType.USER_LOGIN).toolName(t))));
            c.add(new Case("auditEvents.appendAll", "principalOrg", () -> db.auditEvents().appendAll(List.of(NewAuditEvent.of(AuditEventType.USER_LOGIN).principalOrg(t)))));
            c.add(new Case("gatewayAuditEvents.append", "userId", () -> db.gatewayAuditEvents().append(NewGatewayAuditEvent.of("e", "allow", "r", "g").userId(t))));
            c.add(new Case("gatewayAuditEvents.appendAll", "reason", () -> db.gatewayAuditEvents().appendAll(List.of(NewGatewayAuditEvent.of("e", "allow", t, "g")))));
            c.add(new Case("apiKeys.create", "name", () -> db.apiKeys().create(NewApiKey.of(u, t))));
            c.add(new Case("apiKeys.recordUsage", "ip", () -> db.apiKeys().recordUsage(u, t)));
            c.add(new Case("policies.create", "name", () -> db.policies().create(NewPolicy.of(t))));
            c.add(new Case("policies.addVersion", "content", () -> db.policies().addVersion(u, NewPolicyVersion.of(t))));
            c.add(new Case("users.create", "email", () -> db.users().create(NewUser.of(t, "f", "h"))));
            c.add(new Case("users.update", "fullName", () -> db.users().update(u, UserUpdate.none().fullName(t))));
            c.add(new Case("teams.create", "name", () -> db.teams().create(NewTeam.of(t))));
            c.add(new Case("costs.record", "principalId", () -> db.costs().record(NewCost.of(t, "r", "c").actual("1"))));
            c.add(new Case("costs.recordAll", "idempotencyKey", () -> db.costs().recordAll(List.of(
                    NewCost.of("p", "r", "c").actual("1"), NewCost.of("p", "r", "c").actual("1").idempotencyKey(t)))));
            c.add(new Case("budgets.setLimits", "principalId", () -> db.budgets().setLimits(t, BudgetLimits.unlimited())));
            c.add(new Case("budgets.clearLimits", "principalId", () -> db.budgets().clearLimits(t)));
            c.add(new Case("budgets.charge", "principalId", () -> db.budgets().charge(t, BigDecimal.ONE, "USD")));
            c.add(new Case("budgets.tryCharge", "principalId", () -> db.budgets().tryCharge(t, BigDecimal.ONE, "USD")));
            c.add(new Case("budgets.reserve", "principalId", () -> db.budgets().reserve(t, BigDecimal.ONE, "USD")));
            c.add(new Case("budgets.settle", "principalId", () -> db.budgets().settle(t, 1L, BigDecimal.ONE)));
            c.add(new Case("budgets.release", "principalId", () -> db.budgets().release(t, 1L)));
            c.add(new Case("budgets.sweepExpired", "principalId", () -> db.budgets().sweepExpired(t)));
            c.add(new Case("budgets.recordAndCharge", "capabilityId", () -> db.budgets().recordAndCharge(NewCost.of("p", "r", t).actual("1"))));
        }
        for (JsonNode j : badJson()) {
            c.add(new Case("resources.create", "metadata", () -> db.resources().create(NewResource.mcp("n", "c").metadata(j))));
            c.add(new Case("resources.update", "metadata", () -> db.resources().update("r", ResourceUpdate.none().metadata(j))));
            c.add(new Case("capabilities.create", "inputSchema", () -> db.capabilities().create("r", NewCapability.of("n").inputSchema(j))));
            c.add(new Case("capabilities.update", "outputSchema", () -> db.capabilities().update("c", CapabilityUpdate.none().outputSchema(j))));
            c.add(new Case("federationNodes.register", "metadata", () -> db.federationNodes().register(NewFederationNode.of("n", "n", "https://e.test", PEM).metadata(j))));
            c.add(new Case("auditEvents.append", "details", () -> db.auditEvents().append(NewAuditEvent.of(AuditEventType.USER_LOGIN).details(j))));
            c.add(new Case("gatewayAuditEvents.append", "metadata", () -> db.gatewayAuditEvents().append(NewGatewayAuditEvent.of("e", "allow", "r", "g").metadata(j))));
            c.add(new Case("users.create", "extraMetadata", () -> db.users().create(NewUser.of("e@x", "f", "h").extraMetadata(j))));
            c.add(new Case("teams.create", "extraMetadata", () -> db.teams().create(NewTeam.of("t").extraMetadata(j))));
            c.add(new Case("costs.record", "metadata", () -> db.costs().record(NewCost.of("p", "r", "c").actual("1").metadata(j))));
            c.add(new Case("costs.recordAll (COPY)", "metadata", () -> db.costs().recordAll(copyBatch(NewCost.of("p", "r", "c").actual("1").metadata(j)))));
            c.add(new Case("budgets.reserve", "metadata", () -> db.budgets().reserve("p", BigDecimal.ONE, "USD", Duration.ofMinutes(1), j)));
            c.add(new Case("budgets.recordAndCharge", "metadata", () -> db.budgets().recordAndCharge(NewCost.of("p", "r", "c").actual("1").metadata(j))));
            c.add(new Case("resources.searchByMetadata", "filter", () -> db.resources().searchByMetadata(j, 10)));
            c.add(new Case("capabilities.searchByMetadata", "filter", () -> db.capabilities().searchByMetadata(j, 10)));
        }
        for (String a : List.of("1E+2147483647", "1E-2147483647", "1E-100000000", "-1", "1" + "0".repeat(100_000))) {
            BigDecimal v = new BigDecimal(a);
            c.add(new Case("costs.record", "actualCost", () -> db.costs().record(NewCost.of("p", "r", "c").actual(v))));
            c.add(new Case("costs.recordAll", "estimatedCost", () -> db.costs().recordAll(List.of(NewCost.of("p", "r", "c").estimated(v)))));
            c.add(new Case("budgets.charge", "amount", () -> db.budgets().charge("p", v, "USD")));
            c.add(new Case("budgets.tryCharge", "amount", () -> db.budgets().tryCharge("p", v, "USD")));
            c.add(new Case("budgets.reserve", "estimate", () -> db.budgets().reserve("p", v, "USD")));
            c.add(new Case("budgets.settle", "actual", () -> db.budgets().settle("p", 1L, v)));
            c.add(new Case("budgets.setLimits", "daily", () -> db.budgets().setLimits("p", BudgetLimits.unlimited().daily(v))));
            c.add(new Case("auditEvents.append", "estimatedCost", () -> db.auditEvents().append(NewAuditEvent.of(AuditEventType.USER_LOGIN).estimatedCost(v))));
        }
        for (String a : List.of("NaN", "Infinity", "", " ", "0x10", "1e", "1E+2147483648", "x".repeat(10_000_000))) {
            c.add(new Case("NewCost.actual(String)", "actualCost", () -> NewCost.of("p", "r", "c").actual(a)));
            c.add(new Case("NewCost.estimated(String)", "estimatedCost", () -> NewCost.of("p", "r", "c").estimated(a)));
            c.add(new Case("BudgetLimits.monthly(String)", "monthly", () -> BudgetLimits.unlimited().monthly(a)));
        }
        c.add(new Case("Protocol.of", "protocol", () -> Protocol.of("X".repeat(10_000_000))));
        for (Instant t : List.of(Instant.MAX, Instant.MIN, OffsetDateTime.of(300_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant(),
                OffsetDateTime.of(-5000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant())) {
            c.add(new Case("auditEvents.append", "timestamp", () -> db.auditEvents().append(NewAuditEvent.of(AuditEventType.USER_LOGIN).timestamp(t))));
            c.add(new Case("gatewayAuditEvents.append", "timestamp", () -> db.gatewayAuditEvents().append(NewGatewayAuditEvent.of("e", "allow", "r", "g").timestamp(t))));
            c.add(new Case("auditEvents.purgeOlderThan", "cutoff", () -> db.auditEvents().purgeOlderThan(t)));
            c.add(new Case("gatewayAuditEvents.purgeOlderThan", "cutoff", () -> db.gatewayAuditEvents().purgeOlderThan(t)));
            c.add(new Case("apiKeys.create", "expiresAt", () -> db.apiKeys().create(NewApiKey.of(u, "k").expiresAt(t))));
        }
        for (Instant t : List.of(Instant.MAX, Instant.MIN, OffsetDateTime.of(300_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant())) {
            c.add(new Case("costs.record", "timestamp", () -> db.costs().record(NewCost.of("p", "r", "c").actual("1").at(t))));
            c.add(new Case("costs.recordAll", "timestamp", () -> db.costs().recordAll(List.of(NewCost.of("p", "r", "c").actual("1").at(t)))));
            c.add(new Case("budgets.recordAndCharge", "timestamp", () -> db.budgets().recordAndCharge(NewCost.of("p", "r", "c").actual("1").at(t))));
        }
        // smaller gaps: nulls, blanks, oversized indexed text
        c.add(new Case("costs.recordAll", "costs", () -> db.costs().recordAll(null)));
        c.add(new Case("budgets.settle", "reservation", () -> db.budgets().settle(null, BigDecimal.ONE)));
        c.add(new Case("budgets.setLimits", "limits", () -> db.budgets().setLimits("p", null)));
        c.add(new Case("costs.dailySummary", "principalId", () -> db.costs().dailySummary(null, LocalDate.EPOCH, LocalDate.EPOCH)));
        c.add(new Case("policies.addVersion", "content", () -> db.policies().addVersion(u, NewPolicyVersion.of(" \n\t"))));
        c.add(new Case("gatewayAuditEvents.append", "reason", () -> db.gatewayAuditEvents().append(NewGatewayAuditEvent.of("e", "allow", "  ", "g"))));
        c.add(new Case("gatewayAuditEvents.append", "userId", () -> db.gatewayAuditEvents().append(NewGatewayAuditEvent.of("e", "allow", "r", "g").userId("u".repeat(10_000_000)))));
        c.add(new Case("federationNodes.register", "nodeId", () -> db.federationNodes().register(NewFederationNode.of("Bad Node!", "n", "https://e.test", PEM))));
        c.add(new Case("federationNodes.register", "endpoint", () -> db.federationNodes().register(NewFederationNode.of("n", "n", "not a url", PEM))));
        return c;
    }

    /** JSON the SDK refuses: NUL or a lone surrogate in a key or a string value, nesting too deep, NaN. */
    static List<JsonNode> badJson() {
        ObjectNode nulKey = SarkJson.object();
        nulKey.put("a\u0000", 1);
        ObjectNode nulValue = SarkJson.object();
        nulValue.putObject("nested").putArray("list").add("x\u0000y");
        ObjectNode surrogate = SarkJson.object();
        surrogate.put("k", "\uD800");
        ObjectNode surrogateKey = SarkJson.object();
        surrogateKey.put("\uDFFF", "v");
        ObjectNode nan = SarkJson.object();
        nan.put("n", Double.NaN);
        return List.of(nulKey, nulValue, surrogate, surrogateKey, deep(101), deep(10_000), nan);
    }

    /** A JSON object whose containers nest {@code levels} deep (objects and arrays alternating), built without recursion. */
    static ObjectNode deep(int levels) {
        ObjectNode root = SarkJson.object();
        com.fasterxml.jackson.databind.node.ContainerNode<?> cur = root;
        for (int d = 2; d <= levels; d++) {
            cur = cur instanceof ObjectNode o ? o.putArray("a") : ((ArrayNode) cur).addObject();
        }
        return root;
    }

    /** 601 plain costs (the COPY path) whose last one is {@code last}. */
    static List<NewCost> copyBatch(NewCost last) {
        List<NewCost> all = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            all.add(NewCost.of("p", "r", "c").actual("1"));
        }
        all.add(last);
        return all;
    }

    @Test
    void everyClassOfBadInputIsRefusedNamingTheFieldAndNothingIsWritten(DataSource ds, DSLContext dsl) {
        SarkDatabase db = Dbs.using(ds);
        Map<String, Integer> before = rowCounts(dsl);
        List<Case> cases = cases(db);
        for (Case c : cases) {
            assertThatThrownBy(c.call()).as("%s with bad %s", c.method(), c.field())
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).as("%s", c.method()).isEqualTo(c.field());
                        assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(InvalidInputException.MAX_MESSAGE_LENGTH);
                    });
        }
        assertThat(rowCounts(dsl)).isEqualTo(before);
        assertThat(cases).hasSizeGreaterThan(300);
    }

    @Test
    void theDocumentedLimitsHoldAtTheBoundary(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        assertThat(db.resources().create(NewResource.mcp(Fixtures.uid("deep"), "c").metadata(deep(100))).metadata()).isEqualTo(deep(100));
        ObjectNode pair = SarkJson.object().put("emoji", "\uD83D\uDE00 ok");
        assertThat(db.resources().create(NewResource.mcp(Fixtures.uid("\uD83D\uDE00"), "c").metadata(pair)).metadata()).isEqualTo(pair);
        Instant first = io.sark.dao.internal.Check.MIN_TIMESTAMP;
        Instant last = io.sark.dao.internal.Check.END_TIMESTAMP.minusNanos(1000);
        for (Instant t : List.of(first, last)) {
            var e = db.auditEvents().append(NewAuditEvent.of(AuditEventType.USER_LOGIN).timestamp(t));
            assertThat(db.auditEvents().findById(e.id()).orElseThrow().timestamp()).isEqualTo(t);
        }
    }

    @Test
    void everyPublicWriteMethodIsInTheTable(DataSource ds) {
        Set<String> covered = cases(Dbs.using(ds)).stream().map(Case::method).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (Method daoGetter : SarkDaos.class.getMethods()) {
            String dao = daoGetter.getName();
            for (Method m : daoGetter.getReturnType().getDeclaredMethods()) {
                String name = dao + "." + m.getName();
                if (Modifier.isPublic(m.getModifiers()) && !NO_FREE_INPUT.contains(name) && !covered.contains(name)) {
                    missing.add(name);
                }
            }
        }
        if (!missing.isEmpty()) {
            fail("write methods without bad-input cases (add them to cases(), or to NO_FREE_INPUT if they take no text, JSON, amount or timestamp): " + missing);
        }
    }

    /** Reads, and writes whose only arguments are UUIDs, numbers or enums: no text, JSON, amount or timestamp to refuse. */
    static final Set<String> NO_FREE_INPUT = Set.copyOf(Arrays.asList(
            "resources.findById", "resources.findWithCapabilities", "resources.listByProtocol", "resources.spendByResource",
            "capabilities.countPerProtocol", "capabilities.findById", "capabilities.listAcrossProtocols",
            "capabilities.listByResource", "capabilities.listBySensitivity", "capabilities.listHighSensitivity",
            "capabilities.listWithResources", "capabilities.searchByInputSchemaKey",
            "federationNodes.findByCertificateFingerprint", "federationNodes.findByNodeId", "federationNodes.listEnabled",
            "auditEvents.find", "auditEvents.findById", "gatewayAuditEvents.find", "gatewayAuditEvents.findById",
            "apiKeys.findById", "apiKeys.listByUser", "apiKeys.verify", "apiKeys.revoke", "apiKeys.delete",
            "policies.activate", "policies.activeVersion", "policies.changeStatus", "policies.delete", "policies.findById",
            "policies.findByName", "policies.list", "policies.versions",
            "users.delete", "users.findByEmail", "users.findById", "users.list",
            "teams.addMember", "teams.removeMember", "teams.delete", "teams.findById", "teams.findByName", "teams.list",
            "teams.members", "teams.teamsOf",
            "mcpCatalog.findServer", "mcpCatalog.findTool", "mcpCatalog.listServers", "mcpCatalog.toolsOf",
            "costs.find", "costs.summary", "costs.refreshDailySummary",
            "budgets.check", "budgets.status", "budgets.findReservation"));

    private static Map<String, Integer> rowCounts(DSLContext dsl) {
        return Map.of("resources", dsl.fetchCount(dsl.selectFrom("resources")),
                "capabilities", dsl.fetchCount(dsl.selectFrom("capabilities")),
                "audit_events", dsl.fetchCount(dsl.selectFrom("audit_events")),
                "gateway_audit_events", dsl.fetchCount(dsl.selectFrom("gateway_audit_events")),
                "cost_tracking", dsl.fetchCount(dsl.selectFrom("cost_tracking")),
                "principal_budgets", dsl.fetchCount(dsl.selectFrom("principal_budgets")),
                "federation_nodes", dsl.fetchCount(dsl.selectFrom("federation_nodes")),
                "users", dsl.fetchCount(dsl.selectFrom("users")));
    }

}

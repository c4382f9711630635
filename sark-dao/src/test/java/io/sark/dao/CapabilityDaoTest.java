package io.sark.dao;

import static io.sark.dao.Fixtures.json;
import static io.sark.dao.Fixtures.uid;
import static io.sark.dao.ResourceDaoTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.dao.model.Capability;
import io.sark.dao.model.CapabilityUpdate;
import io.sark.dao.model.CapabilityWithResource;
import io.sark.dao.model.CrossProtocolCapability;
import io.sark.dao.model.NewCapability;
import io.sark.dao.model.NewResource;
import io.sark.dao.model.Protocol;
import io.sark.dao.model.ProtocolCapabilityCount;
import io.sark.dao.model.Resource;
import io.sark.dao.model.SensitivityLevel;
import io.sark.testkit.SarkDatabaseTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@SarkDatabaseTest
class CapabilityDaoTest {

    @Test
    void createFindUpdateDelete(DataSource ds) {
        Instant t0 = Instant.parse("2026-02-01T00:00:00Z");
        SarkDatabase db = Dbs.using(ds).withClock(Clock.fixed(t0, ZoneOffset.UTC));
        Resource r = db.resources().create(NewResource.mcp("fs", "cmd"));
        var schema = json("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}");
        Capability c = db.capabilities().create(r.id(), NewCapability.of("read_file").description("Reads")
                .inputSchema(schema).outputSchema(json("{\"type\":\"string\"}")).sensitivity(SensitivityLevel.HIGH)
                .metadata(json("{\"k\":1}")));
        assertThat(c.resourceId()).isEqualTo(r.id());
        assertThat(c.inputSchema()).isEqualTo(schema);
        assertThat(c.description()).contains("Reads");
        assertThat(c.createdAt()).isEqualTo(t0);
        assertThat(db.capabilities().findById(c.id())).contains(c);

        SarkDatabase later = db.withClock(Clock.fixed(t0.plusSeconds(60), ZoneOffset.UTC));
        Capability u = later.capabilities().update(c.id(), CapabilityUpdate.none().name("read").description(null)
                .sensitivity(SensitivityLevel.LOW).inputSchema(json("{}")).outputSchema(json("{\"a\":1}")).metadata(json("{}")));
        assertThat(u.name()).isEqualTo("read");
        assertThat(u.description()).isEmpty();
        assertThat(u.sensitivityLevel()).isEqualTo(SensitivityLevel.LOW);
        assertThat(u.updatedAt()).isEqualTo(t0.plusSeconds(60));
        assertThat(u.createdAt()).isEqualTo(t0);
        assertThatThrownBy(() -> db.capabilities().update("nope", CapabilityUpdate.none())).isInstanceOf(NotFoundException.class);

        assertThat(db.capabilities().delete(c.id())).isTrue();
        assertThat(db.capabilities().delete(c.id())).isFalse();
        assertThat(db.capabilities().findById(c.id())).isEmpty();
        assertThat(db.resources().findById(r.id())).isPresent();
    }

    @Test
    void missingResourceIsNotFoundAndDuplicatesAreRefused(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        assertThatThrownBy(() -> db.capabilities().create("no-such-resource", NewCapability.of("x")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no-such-resource");
        assertThatThrownBy(() -> db.capabilities().upsert("no-such-resource", NewCapability.of("x")))
                .isInstanceOf(NotFoundException.class);
        Resource r = db.resources().create(NewResource.mcp("r", "cmd"));
        NewCapability same = NewCapability.of("dup");
        assertThatThrownBy(() -> db.capabilities().createAll(r.id(), List.of(same, same)))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.constraint()).isEqualTo("capabilities_pkey"));
        assertThat(db.capabilities().listByResource(r.id())).isEmpty();
        assertThat(db.capabilities().createAll(r.id(), List.of())).isEmpty();
    }

    @Test
    void upsertReplacesAndCanMoveToAnotherResource(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        Resource a = db.resources().create(NewResource.mcp("a", "cmd"));
        Resource b = db.resources().create(NewResource.mcp("b", "cmd"));
        NewCapability c = NewCapability.of("tool");
        Capability first = db.capabilities().upsert(a.id(), c);
        Capability second = db.capabilities().upsert(b.id(), c.description("moved").sensitivity(SensitivityLevel.CRITICAL));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.resourceId()).isEqualTo(b.id());
        assertThat(second.description()).contains("moved");
        assertThat(db.capabilities().listByResource(a.id())).isEmpty();
        assertThat(db.capabilities().listByResource(b.id())).containsExactly(second);
    }

    @Test
    void theCataloguePatterns(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        String tag = uid("pat");
        Protocol p1 = Protocol.of("pat_a" + Math.abs(tag.hashCode() % 1000));
        Protocol p2 = Protocol.of("pat_b" + Math.abs(tag.hashCode() % 1000));
        Resource r1 = db.resources().register(NewResource.of(p1, "alpha", "e").id(tag + "-r1"), List.of(
                NewCapability.of("zeta").id(tag + "-c1").sensitivity(SensitivityLevel.CRITICAL).inputSchema(json("{\"type\":\"object\",\"" + tag + "\":1}")),
                NewCapability.of("beta").id(tag + "-c2").sensitivity(SensitivityLevel.LOW).inputSchema(json("{\"type\":\"string\"}")))).resource();
        Resource r2 = db.resources().register(NewResource.of(p2, "gamma", "e").id(tag + "-r2"), List.of(
                NewCapability.of("alpha").id(tag + "-c3").sensitivity(SensitivityLevel.HIGH).inputSchema(json("{\"" + tag + "\":true}")),
                NewCapability.of("delta").id(tag + "-c4").sensitivity(SensitivityLevel.MEDIUM))).resource();
        db.resources().create(NewResource.of(p2, "empty", "e").id(tag + "-r3"));

        // 3: capabilities with resources by protocol
        assertThat(db.capabilities().listWithResources(p1, 10)).containsExactly(
                new CapabilityWithResource(r1.id(), "alpha", p1, tag + "-c2", "beta", SensitivityLevel.LOW),
                new CapabilityWithResource(r1.id(), "alpha", p1, tag + "-c1", "zeta", SensitivityLevel.CRITICAL));
        assertThat(db.capabilities().listWithResources(p1, 1)).hasSize(1);

        // 4: high sensitivity, critical first
        List<CapabilityWithResource> high = db.capabilities().listHighSensitivity(1000).stream()
                .filter(c -> c.capabilityId().startsWith(tag)).toList();
        assertThat(high).extracting(CapabilityWithResource::capabilityId).containsExactly(tag + "-c1", tag + "-c3");
        assertThat(db.capabilities().listBySensitivity(SensitivityLevel.MEDIUM, 1000).stream()
                .filter(c -> c.capabilityId().startsWith(tag)).map(CapabilityWithResource::capabilityId))
                .containsExactly(tag + "-c1", tag + "-c3", tag + "-c4");
        List<CapabilityWithResource> all = db.capabilities().listBySensitivity(SensitivityLevel.LOW, 1000);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i - 1).sensitivityLevel()).isGreaterThanOrEqualTo(all.get(i).sensitivityLevel());
        }

        // 5: input schema key
        assertThat(db.capabilities().searchByInputSchemaKey(tag, 10)).extracting(Capability::id)
                .containsExactly(tag + "-c3", tag + "-c1"); // by name: alpha, zeta
        assertThat(db.capabilities().searchByInputSchemaKey("it's \"odd\"", 10)).isEmpty();

        // 6: count per protocol
        List<ProtocolCapabilityCount> counts = db.capabilities().countPerProtocol();
        assertThat(counts).contains(new ProtocolCapabilityCount(p1, 1, 2), new ProtocolCapabilityCount(p2, 2, 2));
        for (int i = 1; i < counts.size(); i++) {
            assertThat(counts.get(i - 1).capabilityCount()).isGreaterThanOrEqualTo(counts.get(i).capabilityCount());
        }

        // 7: across protocols, not low
        List<CrossProtocolCapability> cross = db.capabilities().listAcrossProtocols(Set.of(p2, p1), SensitivityLevel.MEDIUM, 10);
        assertThat(cross).containsExactly(
                new CrossProtocolCapability(p1, tag + "-c1", "zeta", SensitivityLevel.CRITICAL, Optional.of("object")),
                new CrossProtocolCapability(p2, tag + "-c3", "alpha", SensitivityLevel.HIGH, Optional.empty()),
                new CrossProtocolCapability(p2, tag + "-c4", "delta", SensitivityLevel.MEDIUM, Optional.empty()));
        assertThat(db.capabilities().listAcrossProtocols(Set.of(p2, p1), SensitivityLevel.MEDIUM, 2)).containsExactlyElementsOf(cross.subList(0, 2));
        // a protocol is read only while the earlier ones have fewer rows than the limit; one without rows in between
        Protocol empty = Protocol.of("pat_ab" + Math.abs(tag.hashCode() % 1000));
        assertThat(db.capabilities().listAcrossProtocols(Set.of(p2, empty, p1), SensitivityLevel.MEDIUM, 1)).containsExactly(cross.get(0));
        assertThat(db.capabilities().listAcrossProtocols(Set.of(p2, empty, p1), SensitivityLevel.MEDIUM, 3)).containsExactlyElementsOf(cross);
        assertThat(db.capabilities().listAcrossProtocols(Set.of(p2, empty), SensitivityLevel.HIGH, 10)).containsExactly(cross.get(1));

        // metadata search on capabilities
        db.capabilities().update(tag + "-c4", CapabilityUpdate.none().metadata(json("{\"team\":\"" + tag + "\"}")));
        assertThat(db.capabilities().searchByMetadata(json("{\"team\":\"" + tag + "\"}"), 10)).extracting(Capability::id)
                .containsExactly(tag + "-c4");
        assertThat(r2.protocol()).isEqualTo(p2);
    }

    @Test
    void invalidInput(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        assertField(() -> NewCapability.of("x").inputSchema(json("[]")), "inputSchema");
        assertField(() -> NewCapability.of("x").outputSchema(json("true")), "outputSchema");
        assertField(() -> NewCapability.of("x").metadata(json("null")), "metadata");
        assertField(() -> NewCapability.of("n".repeat(256)), "name");
        assertField(() -> NewCapability.of("x").description("a\0b"), "description");
        assertField(() -> db.capabilities().create("r".repeat(256), NewCapability.of("x")), "resourceId");
        assertField(() -> db.capabilities().createAll("r", java.util.Arrays.asList(NewCapability.of("x"), null)), "capabilities");
        assertField(() -> db.capabilities().listAcrossProtocols(Set.of(), SensitivityLevel.LOW, 10), "protocols");
        assertField(() -> db.capabilities().searchByInputSchemaKey("", 10), "key");
        assertField(() -> db.capabilities().listHighSensitivity(-1), "limit");
    }
}

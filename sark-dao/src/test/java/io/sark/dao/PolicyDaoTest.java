package io.sark.dao;

import static io.sark.dao.Fixtures.uid;
import static io.sark.dao.ResourceDaoTest.assertField;
import static io.sark.schema.jooq.Tables.POLICY_VERSIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.dao.model.NewPolicy;
import io.sark.dao.model.NewPolicyVersion;
import io.sark.dao.model.NewUser;
import io.sark.dao.model.Policy;
import io.sark.dao.model.PolicyStatus;
import io.sark.dao.model.PolicyType;
import io.sark.dao.model.PolicyVersion;
import io.sark.dao.model.User;
import io.sark.testkit.SarkDatabaseTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

@SarkDatabaseTest
class PolicyDaoTest {

    @Test
    void createFindListStatusDelete(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        String name = uid("policy");
        Policy p = db.policies().create(NewPolicy.of(name).description("d").policyType(PolicyType.VALIDATION));
        assertThat(p.status()).isEqualTo(PolicyStatus.DRAFT);
        assertThat(p.policyType()).isEqualTo(PolicyType.VALIDATION);
        assertThat(p.currentVersionId()).isEmpty();
        assertThat(db.policies().findById(p.id())).contains(p);
        assertThat(db.policies().findByName(name)).contains(p);
        assertThat(db.policies().list()).contains(p);
        assertThat(db.policies().changeStatus(p.id(), PolicyStatus.DEPRECATED).status()).isEqualTo(PolicyStatus.DEPRECATED);
        assertThatThrownBy(() -> db.policies().create(NewPolicy.of(name)))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.constraint()).isEqualTo("ix_policies_name"));
        db.policies().addVersion(p.id(), NewPolicyVersion.of("package a"));
        assertThat(db.policies().delete(p.id())).isTrue();
        assertThat(db.policies().delete(p.id())).isFalse();
        assertThat(db.policies().versions(p.id())).isEmpty();
        assertThatThrownBy(() -> db.policies().changeStatus(p.id(), PolicyStatus.ACTIVE)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void versionsAreNumberedAndExactlyOneIsActive(DataSource ds, DSLContext dsl) {
        SarkDatabase db = Dbs.using(ds);
        User author = db.users().create(NewUser.of(uid("a") + "@x.test", "Author", "$2b$hash"));
        Policy p = db.policies().create(NewPolicy.of(uid("p")));
        PolicyVersion v1 = db.policies().addVersion(p.id(), NewPolicyVersion.of("package v1").createdBy(author.id()).notes("n").tested(true));
        PolicyVersion v2 = db.policies().addVersion(p.id(), NewPolicyVersion.of("package v2"));
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v1.createdBy()).contains(author.id());
        assertThat(v1.tested()).isTrue();
        assertThat(v1.active()).isFalse();
        assertThat(db.policies().activeVersion(p.id())).isEmpty();

        assertThat(db.policies().activate(p.id(), 1).active()).isTrue();
        assertThat(db.policies().findById(p.id()).orElseThrow().currentVersionId()).contains(v1.id());
        PolicyVersion a2 = db.policies().activate(p.id(), 2);
        assertThat(db.policies().activeVersion(p.id())).contains(a2);
        assertThat(db.policies().versions(p.id())).extracting(PolicyVersion::active).containsExactly(false, true);
        assertThat(db.policies().findById(p.id()).orElseThrow().currentVersionId()).contains(v2.id());
        assertThat(db.policies().activate(p.id(), 2)).isEqualTo(a2);

        assertThatThrownBy(() -> db.policies().activate(p.id(), 3)).isInstanceOf(NotFoundException.class);
        assertThat(db.policies().activeVersion(p.id())).contains(a2);
        assertThatThrownBy(() -> db.policies().activate(UUID.randomUUID(), 1)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> db.policies().addVersion(UUID.randomUUID(), NewPolicyVersion.of("x"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> db.policies().addVersion(p.id(), NewPolicyVersion.of("x").createdBy(UUID.randomUUID())))
                .isInstanceOf(NotFoundException.class);

        // the partial unique index refuses a second active version even outside the DAO
        assertThatThrownBy(() -> db.useTransaction(tx -> tx.dsl().update(POLICY_VERSIONS).set(POLICY_VERSIONS.IS_ACTIVE, true)
                .where(POLICY_VERSIONS.ID.eq(v1.id())).execute()))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.constraint()).isEqualTo("ix_policy_versions_one_active"));
    }

    @Test
    void concurrentAddsAndActivationsStayConsistent(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        Policy p = db.policies().create(NewPolicy.of(uid("busy")));
        List<CompletableFuture<PolicyVersion>> adds = IntStream.range(0, 20)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> db.policies().addVersion(p.id(), NewPolicyVersion.of("v" + i)))).toList();
        assertThat(adds.stream().map(CompletableFuture::join).map(PolicyVersion::version)).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 20).boxed().toList());
        List<CompletableFuture<PolicyVersion>> activations = IntStream.rangeClosed(1, 20)
                .mapToObj(v -> CompletableFuture.supplyAsync(() -> db.policies().activate(p.id(), v))).toList();
        activations.forEach(CompletableFuture::join);
        List<PolicyVersion> versions = db.policies().versions(p.id());
        assertThat(versions.stream().filter(PolicyVersion::active)).hasSize(1);
        PolicyVersion active = db.policies().activeVersion(p.id()).orElseThrow();
        assertThat(db.policies().findById(p.id()).orElseThrow().currentVersionId()).contains(active.id());
    }

    @Test
    void invalidInput() {
        assertField(() -> NewPolicy.of(""), "name");
        assertField(() -> NewPolicy.of("n").description("d".repeat(1001)), "description");
        assertField(() -> NewPolicy.of("n").policyType(null), "policyType");
        assertField(() -> NewPolicyVersion.of(""), "content");
        assertField(() -> PolicyStatus.parse("retired"), "status");
        assertField(() -> PolicyType.parse("x"), "policyType");
    }
}

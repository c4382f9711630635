package io.sark.testkit.data;

import io.sark.dao.model.PolicyStatus;
import io.sark.dao.model.PolicyType;
import io.sark.dao.model.User;
import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.enums.Policystatus;
import io.sark.schema.jooq.enums.Policytype;
import io.sark.schema.jooq.tables.records.PoliciesRecord;
import io.sark.schema.jooq.tables.records.PolicyVersionsRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.EnumType;

/**
 * A policy with versions. Defaults: name {@code policy-<n>-<suffix>}, {@link PolicyType#AUTHORIZATION},
 * {@link PolicyStatus#ACTIVE}, one tested version with a small Rego policy that is the current and only active
 * version. {@link #insert()} returns the DAO's {@code Policy} and {@code PolicyVersion}s.
 */
public final class PolicyBuilder {

    private final SarkData data;
    private final Draw draw;
    private final PoliciesRecord record = new PoliciesRecord();
    private final List<String> contents = new ArrayList<>();
    private User author;

    PolicyBuilder(SarkData data, Draw draw) {
        this.data = data;
        this.draw = draw;
        record.setId(draw.uuid());
        record.setName(draw.label("policy"));
        record.setDescription("Test policy " + draw.n);
        type(PolicyType.AUTHORIZATION);
        status(PolicyStatus.ACTIVE);
        record.setCreatedAt(Times.column(data.now()));
        record.setUpdatedAt(Times.column(data.now()));
    }

    /** The name (unique). */
    public PolicyBuilder name(String name) {
        record.setName(name);
        return this;
    }

    /** The type. */
    public PolicyBuilder type(PolicyType type) {
        record.setPolicyType(EnumType.lookupLiteral(Policytype.class, type.dbValue()));
        return this;
    }

    /** The status. */
    public PolicyBuilder status(PolicyStatus status) {
        record.setStatus(EnumType.lookupLiteral(Policystatus.class, status.dbValue()));
        return this;
    }

    /** Adds a version with this content (the last one added is current). */
    public PolicyBuilder version(String content) {
        contents.add(content);
        return this;
    }

    /** Adds {@code count} versions with default content. */
    public PolicyBuilder versions(int count) {
        for (int i = 0; i < count; i++) {
            contents.add(null);
        }
        return this;
    }

    /** The user recorded as author of every version. */
    public PolicyBuilder createdBy(User user) {
        this.author = user;
        return this;
    }

    /** Inserts policy and versions in one transaction and points the policy at its last version. */
    public TestPolicy insert() {
        List<String> all = new ArrayList<>(contents);
        if (all.isEmpty()) {
            all.add(null);
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            ids.add(draw.uuid());
        }
        data.dsl().transaction(tx -> {
            Rows.insert(tx.dsl(), Tables.POLICIES, record);
            for (int i = 0; i < all.size(); i++) {
                PolicyVersionsRecord v = new PolicyVersionsRecord();
                v.setId(ids.get(i));
                v.setPolicyId(record.getId());
                v.setVersion(i + 1);
                v.setContent(all.get(i) != null ? all.get(i) : defaultContent(record.getName(), i + 1));
                v.setIsActive(i == all.size() - 1);
                v.setTested(true);
                v.setCreatedBy(author == null ? null : author.id());
                v.setCreatedAt(Times.column(data.now()));
                v.setNotes("version " + (i + 1));
                Rows.insert(tx.dsl(), Tables.POLICY_VERSIONS, v);
            }
            var p = Tables.POLICIES;
            tx.dsl().update(p).set(p.CURRENT_VERSION_ID, ids.get(ids.size() - 1)).where(p.ID.eq(record.getId())).execute();
        });
        UUID id = record.getId();
        return new TestPolicy(data.readBack("policy", db -> db.policies().findById(id)),
                data.database().policies().versions(id));
    }

    private static String defaultContent(String name, int version) {
        return "package sark.test." + name.replace('-', '_') + "\n\n# version " + version + "\n"
                + "default allow := false\n\nallow if input.user.role == \"admin\"\n";
    }
}

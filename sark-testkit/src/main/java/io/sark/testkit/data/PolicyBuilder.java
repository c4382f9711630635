package io.sark.testkit.data;

import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.enums.Policystatus;
import io.sark.schema.jooq.enums.Policytype;
import io.sark.schema.jooq.tables.records.PoliciesRecord;
import io.sark.schema.jooq.tables.records.PolicyVersionsRecord;
import io.sark.schema.jooq.tables.records.UsersRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code policies} row with versions. Defaults: name {@code policy-<n>-<suffix>}, type
 * {@code authorization}, status {@code active}, one tested version with a small Rego policy that is the
 * current and only active version.
 */
public final class PolicyBuilder {

    private final SarkData data;
    private final Draw draw;
    private final PoliciesRecord record = new PoliciesRecord();
    private final List<String> contents = new ArrayList<>();
    private UsersRecord author;

    PolicyBuilder(SarkData data, Draw draw) {
        this.data = data;
        this.draw = draw;
        record.setId(draw.uuid());
        record.setName(draw.label("policy"));
        record.setDescription("Test policy " + draw.n);
        record.setPolicyType(Policytype.authorization);
        record.setStatus(Policystatus.active);
        record.setCreatedAt(data.now());
        record.setUpdatedAt(data.now());
    }

    /** The name (unique). */
    public PolicyBuilder name(String name) {
        record.setName(name);
        return this;
    }

    /** The type. */
    public PolicyBuilder type(Policytype type) {
        record.setPolicyType(type);
        return this;
    }

    /** The status. */
    public PolicyBuilder status(Policystatus status) {
        record.setStatus(status);
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
    public PolicyBuilder createdBy(UsersRecord user) {
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
        return data.dsl().transactionResult(tx -> {
            Rows.insert(tx.dsl(), Tables.POLICIES, record);
            List<PolicyVersionsRecord> versions = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                PolicyVersionsRecord v = new PolicyVersionsRecord();
                v.setId(ids.get(i));
                v.setPolicyId(record.getId());
                v.setVersion(i + 1);
                v.setContent(all.get(i) != null ? all.get(i) : defaultContent(record.getName(), i + 1));
                v.setIsActive(i == all.size() - 1);
                v.setTested(true);
                v.setCreatedBy(author == null ? null : author.getId());
                v.setCreatedAt(data.now());
                v.setNotes("version " + (i + 1));
                versions.add(Rows.insert(tx.dsl(), Tables.POLICY_VERSIONS, v));
            }
            var p = Tables.POLICIES;
            PoliciesRecord stored = tx.dsl().update(p).set(p.CURRENT_VERSION_ID, ids.get(ids.size() - 1))
                    .where(p.ID.eq(record.getId())).returning().fetchOne();
            return new TestPolicy(stored, versions);
        });
    }

    private static String defaultContent(String name, int version) {
        return "package sark.test." + name.replace('-', '_') + "\n\n# version " + version + "\n"
                + "default allow := false\n\nallow if input.user.role == \"admin\"\n";
    }
}

package io.sark.dao;

import static io.sark.schema.jooq.Tables.POLICIES;
import static io.sark.schema.jooq.Tables.POLICY_VERSIONS;

import io.sark.dao.internal.Check;
import io.sark.dao.internal.DaoContext;
import io.sark.dao.internal.Db;
import io.sark.dao.internal.Tx;
import io.sark.dao.model.NewPolicy;
import io.sark.dao.model.NewPolicyVersion;
import io.sark.dao.model.Policy;
import io.sark.dao.model.PolicyStatus;
import io.sark.dao.model.PolicyVersion;
import io.sark.schema.jooq.tables.records.PoliciesRecord;
import io.sark.schema.jooq.tables.records.PolicyVersionsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Policies and their versions ({@code policies}, {@code policy_versions}). Version numbers are assigned 1, 2, …
 * per policy under a row lock of the policy; at most one version per policy is active (enforced in the activating
 * transaction and by the partial unique index {@code ix_policy_versions_one_active}).
 */
public final class PolicyDao {

    private final DaoContext context;

    PolicyDao(DaoContext context) {
        this.context = context;
    }

    /** Creates a policy. @throws DuplicateKeyException ({@code ix_policies_name}) if the name is taken */
    public Policy create(NewPolicy policy) {
        Check.notNull("policy", policy);
        OffsetDateTime now = context.now();
        return map(context.dsl().insertInto(POLICIES)
                .set(POLICIES.ID, UUID.randomUUID())
                .set(POLICIES.NAME, policy.name())
                .set(POLICIES.DESCRIPTION, policy.description())
                .set(POLICIES.POLICY_TYPE, Db.db(policy.policyType()))
                .set(POLICIES.STATUS, Db.db(policy.status()))
                .set(POLICIES.CREATED_AT, now)
                .set(POLICIES.UPDATED_AT, now)
                .returning().fetchOne());
    }

    /** The policy with this id. */
    public Optional<Policy> findById(UUID id) {
        Check.notNull("id", id);
        return context.dsl().selectFrom(POLICIES).where(POLICIES.ID.eq(id)).fetchOptional().map(PolicyDao::map);
    }

    /** The policy with this name. */
    public Optional<Policy> findByName(String name) {
        Check.required("name", name, 255);
        return context.dsl().selectFrom(POLICIES).where(POLICIES.NAME.eq(name)).fetchOptional().map(PolicyDao::map);
    }

    /** All policies ordered by name. */
    public List<Policy> list() {
        return context.dsl().selectFrom(POLICIES).orderBy(POLICIES.NAME).fetch(PolicyDao::map);
    }

    /** Sets the lifecycle status. @throws NotFoundException if there is no such policy */
    public Policy changeStatus(UUID id, PolicyStatus status) {
        Check.notNull("id", id);
        Check.notNull("status", status);
        return context.dsl().update(POLICIES).set(POLICIES.STATUS, Db.db(status))
                .set(POLICIES.UPDATED_AT, context.now()).where(POLICIES.ID.eq(id)).returning().fetchOptional()
                .map(PolicyDao::map).orElseThrow(() -> new NotFoundException("policy", id));
    }

    /** Deletes a policy and its versions; false if it did not exist. */
    public boolean delete(UUID id) {
        Check.notNull("id", id);
        return context.dsl().deleteFrom(POLICIES).where(POLICIES.ID.eq(id)).execute() == 1;
    }

    /**
     * Adds a version with the next number (highest + 1, starting at 1), inactive. Concurrent calls for the same
     * policy are serialised by a row lock on the policy, so numbers never collide.
     *
     * @throws NotFoundException if there is no such policy, or {@code createdBy} is not a user
     */
    public PolicyVersion addVersion(UUID policyId, NewPolicyVersion version) {
        Check.notNull("policyId", policyId);
        Check.notNull("version", version);
        OffsetDateTime now = context.now();
        try {
            return Tx.atomically(context, dsl -> {
                lockPolicy(dsl, policyId);
                Integer max = dsl.select(DSL.max(POLICY_VERSIONS.VERSION)).from(POLICY_VERSIONS)
                        .where(POLICY_VERSIONS.POLICY_ID.eq(policyId)).fetchOne(0, Integer.class);
                return mapVersion(dsl.insertInto(POLICY_VERSIONS)
                        .set(POLICY_VERSIONS.ID, UUID.randomUUID())
                        .set(POLICY_VERSIONS.POLICY_ID, policyId)
                        .set(POLICY_VERSIONS.VERSION, max == null ? 1 : max + 1)
                        .set(POLICY_VERSIONS.CONTENT, version.content())
                        .set(POLICY_VERSIONS.IS_ACTIVE, false)
                        .set(POLICY_VERSIONS.TESTED, version.tested())
                        .set(POLICY_VERSIONS.CREATED_BY, version.createdBy())
                        .set(POLICY_VERSIONS.CREATED_AT, now)
                        .set(POLICY_VERSIONS.NOTES, version.notes())
                        .returning().fetchOne());
            });
        } catch (io.sark.schema.SarkException e) {
            if (e.getCause() instanceof DataAccessException dae && "23503".equals(Tx.sqlState(dae))) {
                throw new NotFoundException("user", version.createdBy());
            }
            throw e;
        }
    }

    /** The versions of a policy, by number. */
    public List<PolicyVersion> versions(UUID policyId) {
        Check.notNull("policyId", policyId);
        return context.dsl().selectFrom(POLICY_VERSIONS).where(POLICY_VERSIONS.POLICY_ID.eq(policyId))
                .orderBy(POLICY_VERSIONS.VERSION).fetch(PolicyDao::mapVersion);
    }

    /** The active version of a policy, if any. */
    public Optional<PolicyVersion> activeVersion(UUID policyId) {
        Check.notNull("policyId", policyId);
        return context.dsl().selectFrom(POLICY_VERSIONS).where(POLICY_VERSIONS.POLICY_ID.eq(policyId))
                .and(POLICY_VERSIONS.IS_ACTIVE.isTrue()).fetchOptional().map(PolicyDao::mapVersion);
    }

    /**
     * Makes {@code version} the policy's only active version and its {@code current_version_id}, in one
     * transaction under a row lock of the policy (the previously active version is deactivated).
     *
     * @return the activated version
     * @throws NotFoundException if the policy or that version does not exist; nothing changes
     */
    public PolicyVersion activate(UUID policyId, int version) {
        Check.notNull("policyId", policyId);
        OffsetDateTime now = context.now();
        return Tx.atomically(context, dsl -> {
            lockPolicy(dsl, policyId);
            PolicyVersionsRecord target = dsl.selectFrom(POLICY_VERSIONS).where(POLICY_VERSIONS.POLICY_ID.eq(policyId))
                    .and(POLICY_VERSIONS.VERSION.eq(version)).fetchOptional()
                    .orElseThrow(() -> new NotFoundException("version " + version + " of policy", policyId));
            dsl.update(POLICY_VERSIONS).set(POLICY_VERSIONS.IS_ACTIVE, false)
                    .where(POLICY_VERSIONS.POLICY_ID.eq(policyId)).and(POLICY_VERSIONS.IS_ACTIVE.isTrue())
                    .and(POLICY_VERSIONS.ID.ne(target.getId())).execute();
            PolicyVersionsRecord active = dsl.update(POLICY_VERSIONS).set(POLICY_VERSIONS.IS_ACTIVE, true)
                    .where(POLICY_VERSIONS.ID.eq(target.getId())).returning().fetchOne();
            dsl.update(POLICIES).set(POLICIES.CURRENT_VERSION_ID, target.getId()).set(POLICIES.UPDATED_AT, now)
                    .where(POLICIES.ID.eq(policyId)).execute();
            return mapVersion(active);
        });
    }

    private static void lockPolicy(DSLContext dsl, UUID policyId) {
        if (dsl.select(POLICIES.ID).from(POLICIES).where(POLICIES.ID.eq(policyId)).forUpdate().fetchOptional().isEmpty()) {
            throw new NotFoundException("policy", policyId);
        }
    }

    private static Policy map(Record rec) {
        PoliciesRecord r = rec.into(POLICIES);
        return new Policy(r.getId(), r.getName(), Optional.ofNullable(r.getDescription()), Db.api(r.getPolicyType()),
                Db.api(r.getStatus()), Optional.ofNullable(r.getCurrentVersionId()), Db.instant(r.getCreatedAt()),
                Db.instant(r.getUpdatedAt()));
    }

    private static PolicyVersion mapVersion(Record rec) {
        PolicyVersionsRecord r = rec.into(POLICY_VERSIONS);
        return new PolicyVersion(r.getId(), r.getPolicyId(), r.getVersion(), r.getContent(), r.getIsActive(), r.getTested(),
                Optional.ofNullable(r.getCreatedBy()), Db.instant(r.getCreatedAt()), Optional.ofNullable(r.getNotes()));
    }
}

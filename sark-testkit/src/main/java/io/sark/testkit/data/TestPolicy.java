package io.sark.testkit.data;

import io.sark.schema.jooq.tables.records.PoliciesRecord;
import io.sark.schema.jooq.tables.records.PolicyVersionsRecord;
import java.util.List;

/**
 * A policy as stored, with its versions.
 *
 * @param policy   the {@code policies} row; {@code current_version_id} is the last version
 * @param versions its {@code policy_versions} rows, version 1 first
 */
public record TestPolicy(PoliciesRecord policy, List<PolicyVersionsRecord> versions) {

    /** Copies the list. */
    public TestPolicy {
        versions = List.copyOf(versions);
    }

    /** The current (last) version. */
    public PolicyVersionsRecord currentVersion() {
        return versions.get(versions.size() - 1);
    }
}

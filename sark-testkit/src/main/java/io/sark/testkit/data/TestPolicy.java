package io.sark.testkit.data;

import io.sark.dao.model.Policy;
import io.sark.dao.model.PolicyVersion;
import java.util.List;

/**
 * A policy as the DAO reads it, with its versions.
 *
 * @param policy   the policy; its current version is the last one
 * @param versions its versions, version 1 first ({@code policies().versions})
 */
public record TestPolicy(Policy policy, List<PolicyVersion> versions) {

    /** Copies the list. */
    public TestPolicy {
        versions = List.copyOf(versions);
    }

    /** The current (last) version. */
    public PolicyVersion currentVersion() {
        return versions.get(versions.size() - 1);
    }
}

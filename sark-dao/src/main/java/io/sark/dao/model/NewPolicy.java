package io.sark.dao.model;

import io.sark.dao.internal.Check;

/**
 * A policy to create. Validated on construction.
 *
 * @param name 1–255 characters, unique
 * @param description at most 1000 characters, or null
 * @param policyType default {@link PolicyType#AUTHORIZATION}
 * @param status default {@link PolicyStatus#DRAFT}
 */
public record NewPolicy(String name, String description, PolicyType policyType, PolicyStatus status) {

    public NewPolicy {
        Check.required("name", name, 255);
        Check.optional("description", description, 1000);
        Check.notNull("policyType", policyType);
        Check.notNull("status", status);
    }

    /** A draft authorization policy without description. */
    public static NewPolicy of(String name) {
        return new NewPolicy(name, null, PolicyType.AUTHORIZATION, PolicyStatus.DRAFT);
    }

    public NewPolicy description(String v) {
        return new NewPolicy(name, v, policyType, status);
    }

    public NewPolicy policyType(PolicyType v) {
        return new NewPolicy(name, description, v, status);
    }

    public NewPolicy status(PolicyStatus v) {
        return new NewPolicy(name, description, policyType, v);
    }
}

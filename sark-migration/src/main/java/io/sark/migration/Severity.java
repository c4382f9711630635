package io.sark.migration;

/** Severity of a validation issue or attention group, lowest first. */
public enum Severity {
    INFO, WARNING, ERROR, CRITICAL
}

package io.sark.migration;

import java.util.List;

/**
 * One kind of v1 row that needs attention, found by {@link V1ToV2Migration#plan()}.
 *
 * @param kind        stable identifier, e.g. {@code NO_COMMAND_OR_ENDPOINT}
 * @param severity    how much it matters ({@link Severity#ERROR} blocks a clean plan)
 * @param table       the v1 table ({@code mcp_servers} or {@code mcp_tools})
 * @param description what happens to these rows under the mapping
 * @param count       how many rows
 * @param sample      up to the configured sample size of them
 */
public record AttentionGroup(String kind, Severity severity, String table, String description, long count,
                             List<AttentionRow> sample) {
    public AttentionGroup {
        sample = List.copyOf(sample);
    }

    /** One row needing attention: its v1 id, name and what is special about it. */
    public record AttentionRow(String id, String name, String detail) {
    }
}

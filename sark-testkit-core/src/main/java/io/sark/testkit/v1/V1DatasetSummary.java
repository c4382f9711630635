package io.sark.testkit.v1;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What {@link V1Dataset#create} wrote.
 *
 * @param schema            the PostgreSQL schema holding the v1 tables
 * @param shape             the v1 shape
 * @param servers           rows in {@code mcp_servers}
 * @param tools             rows in {@code mcp_tools}
 * @param users             rows in {@code users}
 * @param teams             rows in {@code teams}
 * @param edgeCaseServerIds per requested edge case, the servers it was applied to (their tools share it
 *                          where the edge case concerns tools)
 * @param millis            wall time of the whole creation
 */
public record V1DatasetSummary(String schema, V1Shape shape, long servers, long tools, long users, long teams,
                               Map<V1EdgeCase, List<UUID>> edgeCaseServerIds, long millis) {

    public V1DatasetSummary {
        edgeCaseServerIds = Map.copyOf(edgeCaseServerIds);
    }
}

package io.sark.dao;

import static io.sark.dao.ResourceDaoTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.dao.model.AuditEventType;
import io.sark.dao.model.Page;
import io.sark.dao.model.Protocol;
import io.sark.dao.model.SensitivityLevel;
import io.sark.dao.model.ServerStatus;
import io.sark.dao.model.SeverityLevel;
import io.sark.dao.model.TransportType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The value types without a database. */
class ModelTest {

    @Test
    void protocolIsAnOpenLowercaseIdentifier() {
        assertThat(List.of(Protocol.MCP, Protocol.HTTP, Protocol.GRPC, Protocol.GRAPHQL, Protocol.WEBSOCKET))
                .extracting(Protocol::value).containsExactly("mcp", "http", "grpc", "graphql", "websocket");
        assertThat(Protocol.of("mqtt_v5")).isEqualTo(new Protocol("mqtt_v5"));
        assertThat(Protocol.of("a".repeat(50)).value()).hasSize(50);
        for (String bad : new String[] {"", "MCP", "1http", "http-2", "h t", "é", "a".repeat(51)}) {
            assertField(() -> Protocol.of(bad), "protocol");
        }
        assertField(() -> Protocol.of(null), "protocol");
    }

    @Test
    void enumsParseCaseInsensitivelyAndRefuseUnknownValues() {
        assertThat(SensitivityLevel.parse("HIGH")).isEqualTo(SensitivityLevel.HIGH);
        assertThat(SensitivityLevel.CRITICAL.dbValue()).isEqualTo("critical");
        assertThat(SensitivityLevel.CRITICAL).isGreaterThan(SensitivityLevel.HIGH);
        assertThat(AuditEventType.parse("federation_node_revoked")).isEqualTo(AuditEventType.FEDERATION_NODE_REVOKED);
        assertThat(TransportType.parse("sse")).isEqualTo(TransportType.SSE);
        assertThat(ServerStatus.parse("decommissioned")).isEqualTo(ServerStatus.DECOMMISSIONED);
        assertField(() -> SeverityLevel.parse(null), "severity");
        assertField(() -> TransportType.parse("grpc"), "transport");
    }

    @Test
    void pageIsImmutable() {
        List<String> items = new ArrayList<>(List.of("a"));
        Page<String> page = new Page<>(items, Optional.empty());
        items.add("b");
        assertThat(page.items()).containsExactly("a");
        assertThat(page.hasNext()).isFalse();
        assertThatThrownBy(() -> page.items().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }
}

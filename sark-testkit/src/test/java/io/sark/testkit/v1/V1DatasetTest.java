package io.sark.testkit.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class V1DatasetTest {

    private static String one(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static final String CHECKSUM = "SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM %s.%s t";

    @Test
    void migrationShapeHasLowercaseJsonbAndNoFlywayHistory() throws Exception {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            V1DatasetSummary s = V1Dataset.builder().schema("public").servers(50).toolsPerServer(4)
                    .alembicVersion(true).build().create(db.dataSource());
            assertThat(s.servers()).isEqualTo(50);
            assertThat(one(db, "SELECT count(*) FROM public.mcp_tools")).isEqualTo("200");
            assertThat(one(db, "SELECT count(*) FROM public.mcp_servers")).isEqualTo("50");
            assertThat(one(db, "SELECT string_agg(DISTINCT transport::text, ',') FROM public.mcp_servers")).isEqualTo("http,sse,stdio");
            assertThat(one(db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'public.mcp_tools'::regclass AND attname = 'parameters_schema'"))
                    .isEqualTo("jsonb");
            assertThat(one(db, "SELECT to_regclass('public.sark_schema_history') IS NULL")).isEqualTo("t");
            assertThat(one(db, "SELECT version_num FROM public.alembic_version")).isEqualTo(V1Dataset.ALEMBIC_HEAD);
        }
    }

    @Test
    void ormShapeHasUppercaseLabelsJsonAndUsageColumns() throws Exception {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            V1Dataset.builder().shape(V1Shape.ORM).schema("legacy").servers(30).toolsPerServer(3).build().create(db.dataSource());
            assertThat(one(db, "SELECT string_agg(DISTINCT sensitivity_level::text, ',' ORDER BY sensitivity_level::text) FROM legacy.mcp_tools"))
                    .isEqualTo("CRITICAL,HIGH,LOW,MEDIUM");
            assertThat(one(db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'legacy.mcp_tools'::regclass AND attname = 'parameters'"))
                    .isEqualTo("json");
            assertThat(one(db, "SELECT count(*) FROM legacy.mcp_tools WHERE invocation_count >= 0")).isEqualTo("90");
            assertThat(one(db, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'legacy.user_teams'::regclass AND contype = 'p'")).isEqualTo("0");
        }
    }

    @Test
    void sameSeedGivesIdenticalRowsAndAnotherSeedDoesNot() throws Exception {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            V1Dataset.builder().schema("a").servers(40).toolsPerServer(3).edgeCases(EnumSet.allOf(V1EdgeCase.class)).build().create(db.dataSource());
            V1Dataset.builder().schema("b").servers(40).toolsPerServer(3).edgeCases(EnumSet.allOf(V1EdgeCase.class)).build().create(db.dataSource());
            V1Dataset.builder().schema("c").servers(40).toolsPerServer(3).seed(7).edgeCases(EnumSet.allOf(V1EdgeCase.class)).build().create(db.dataSource());
            for (String table : List.of("mcp_servers", "mcp_tools", "users", "teams")) {
                assertThat(one(db, CHECKSUM.formatted("a", table))).as(table).isEqualTo(one(db, CHECKSUM.formatted("b", table)));
                assertThat(one(db, CHECKSUM.formatted("a", table))).as(table).isNotEqualTo(one(db, CHECKSUM.formatted("c", table)));
            }
        }
    }

    @Test
    void edgeCasesArePresentInBothShapes() throws Exception {
        for (V1Shape shape : V1Shape.values()) {
            try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
                V1DatasetSummary s = V1Dataset.builder().shape(shape).schema("v1").servers(30).toolsPerServer(2)
                        .edgeCases(EnumSet.allOf(V1EdgeCase.class)).build().create(db.dataSource());
                assertThat(s.edgeCaseServerIds()).hasSize(V1EdgeCase.values().length);
                assertThat(one(db, "SELECT count(*) FROM v1.mcp_servers WHERE command IS NULL AND endpoint IS NULL")).isEqualTo("3");
                assertThat(one(db, "SELECT count(*) FROM v1.mcp_servers WHERE position('\"status\"' in extra_metadata::text) > 0")).isEqualTo("3");
                assertThat(one(db, "SELECT count(*) FROM v1.mcp_servers WHERE name LIKE '%🚀%'")).isEqualTo("3");
                assertThat(one(db, "SELECT count(*) FROM v1.mcp_servers WHERE length(extra_metadata::text) > 150000")).isEqualTo("3");
                assertThat(one(db, "SELECT count(*) FROM v1.mcp_tools WHERE lower(sensitivity_level::text) = 'restricted'")).isEqualTo("6");
                assertThat(one(db, "SELECT count(*) FROM v1.mcp_servers WHERE extra_metadata IS NULL OR json_typeof(extra_metadata::json) <> 'object'"))
                        .isEqualTo("3");
                boolean orm = shape == V1Shape.ORM;
                String params = orm ? "parameters" : "parameters_schema";
                // a real NUL escape: an even number of backslashes, then backslash-u0000 (json only; jsonb cannot hold it)
                String nul = " ~ '(^|[^\\\\])(\\\\\\\\)*\\\\u0000'";
                assertThat(one(db, "SELECT count(*) FROM v1.mcp_servers WHERE extra_metadata::text" + nul)).isEqualTo(orm ? "3" : "0");
                assertThat(one(db, "SELECT count(*) FROM v1.mcp_tools WHERE " + params + "::text" + nul)).isEqualTo(orm ? "3" : "0");
                assertThat(one(db, "SELECT count(*) FROM v1.mcp_tools WHERE extra_metadata::text" + nul)).isEqualTo(orm ? "3" : "0");
                assertThat(one(db, "SELECT count(*) FROM v1.mcp_servers WHERE strpos(extra_metadata::text, 'C:\\\\u0000dir') > 0"))
                        .isEqualTo("3");
                assertThat(one(db, "SELECT count(*) FROM v1.mcp_servers WHERE extra_metadata::text LIKE '%\"owner\": \"first\"%'"))
                        .isEqualTo(orm ? "3" : "0");
                assertThat(one(db, "SELECT count(*) FROM v1.mcp_servers WHERE extra_metadata::text LIKE '%\"owner\": \"second\"%'"))
                        .isEqualTo("3");
                assertThat(one(db, "SELECT string_agg(DISTINCT json_typeof(" + params + "::json), ',' ORDER BY json_typeof(" + params
                        + "::json)) FROM v1.mcp_tools WHERE json_typeof(" + params + "::json) NOT IN ('object', 'string')"))
                        .isEqualTo("array,number");
                String ids = one(db, "SELECT string_agg(id::text, ',' ORDER BY id) FROM v1.mcp_servers WHERE command IS NULL AND endpoint IS NULL");
                assertThat(ids.split(",")).containsExactlyInAnyOrderElementsOf(
                        s.edgeCaseServerIds().get(V1EdgeCase.NULL_COMMAND_AND_ENDPOINT).stream().map(Object::toString).toList());
            }
        }
    }

    @Test
    void refusesAnExistingV1SchemaAndBadSettings() {
        assertThatThrownBy(() -> V1Dataset.builder().schema("Bad-Name").build()).isInstanceOf(io.sark.schema.InvalidInputException.class);
        assertThatThrownBy(() -> V1Dataset.builder().servers(2).edgeCases(V1EdgeCase.LARGE_JSON).build())
                .isInstanceOf(io.sark.schema.InvalidInputException.class).hasMessageContaining("servers");
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            V1Dataset.builder().servers(3).toolsPerServer(1).build().create(db.dataSource());
            assertThatThrownBy(() -> V1Dataset.builder().servers(3).build().create(db.dataSource()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has");
        }
    }
}

package io.sark.dao;

import static io.sark.dao.Fixtures.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.sark.dao.model.Capability;
import io.sark.dao.model.NewCapability;
import io.sark.dao.model.NewResource;
import io.sark.dao.model.Resource;
import io.sark.schema.json.SarkJson;
import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSONB searches send user text as SQL literals (to escape the generic-plan trap, see GenericPlanTrapTest).
 * Whatever {@code standard_conforming_strings} says on the connection, a value must only ever be a value: an
 * injection attempt through a key must neither run SQL nor match other rows, and keys with quotes and backslashes
 * must find exactly their rows.
 */
@SarkDatabaseTest
class StandardConformingStringsTest {

    static final String INJECTION = "a\\'); drop table sark_scs_victim; select ? --";
    static final List<String> TRICKY = List.of("plain", "quo'te", "back\\slash", "back\\'quote", "\\\\'", "ends\\", "q?m",
            "$$dollar$$", "E'x'");

    /** One pooled connection whose session setting we control. */
    private static SarkDatabase singleConnection(TestDatabase testDb) {
        return SarkDatabase.connect(SarkConfig.builder().jdbcUrl(testDb.jdbcUrl()).schema(testDb.schema()).username(testDb.server().username())
                .password(testDb.server().password()).maximumPoolSize(1).minimumIdle(1).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "off"})
    void keysAndFiltersAreValuesUnderEitherSetting(String setting, TestDatabase testDb, DSLContext observer) {
        observer.execute("CREATE TABLE IF NOT EXISTS sark_scs_victim (x int)");
        try (SarkDatabase db = singleConnection(testDb)) {
            db.dsl().execute("SET standard_conforming_strings = " + setting);
            Resource r = db.resources().create(NewResource.mcp(uid("scs"), "cmd"));
            String tag = uid("t");
            for (String key : TRICKY) {
                var schema = SarkJson.object();
                schema.put(key, tag);
                db.capabilities().create(r.id(), NewCapability.of(tag + "/" + key).inputSchema(schema)
                        .metadata(SarkJson.object().put("k", key).put("tag", tag)));
                db.resources().create(NewResource.mcp(uid("scs-" + setting), "cmd")
                        .metadata(SarkJson.object().put("k", key).put("tag", tag)));
            }

            assertThat(db.capabilities().searchByInputSchemaKey(INJECTION, 100)).isEmpty();
            assertThat(db.resources().searchByMetadata(SarkJson.object().put("k", INJECTION), 100)).isEmpty();
            assertThat(observer.fetchValue("SELECT to_regclass('sark_scs_victim') IS NOT NULL")).isEqualTo(true);

            for (String key : TRICKY) {
                assertThat(db.capabilities().searchByInputSchemaKey(key, 100)).extracting(Capability::name)
                        .as("key %s", key).contains(tag + "/" + key)
                        .allSatisfy(name -> assertThat(name).endsWith("/" + key));
                assertThat(db.capabilities().searchByMetadata(SarkJson.object().put("k", key).put("tag", tag), 100))
                        .extracting(Capability::name).as("capability metadata %s", key).containsExactly(tag + "/" + key);
                assertThat(db.resources().searchByMetadata(SarkJson.object().put("k", key).put("tag", tag), 100))
                        .extracting(x -> x.metadata().get("k").textValue()).as("resource metadata %s", key).containsExactly(key);
            }
            assertThat(db.dsl().fetchValue("SHOW standard_conforming_strings")).isEqualTo(setting);
        }
    }
}

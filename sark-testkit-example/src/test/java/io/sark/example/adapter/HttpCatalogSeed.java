package io.sark.example.adapter;

import static io.sark.dao.model.SensitivityLevel.CRITICAL;
import static io.sark.dao.model.SensitivityLevel.LOW;
import static io.sark.dao.model.SensitivityLevel.MEDIUM;

import io.sark.dao.model.Protocol;
import io.sark.testkit.SarkSeed;
import io.sark.testkit.data.SarkData;
import org.jooq.DSLContext;

/** Written once into the template; every test database of {@link ToolCatalogTest} starts with it. */
public final class HttpCatalogSeed implements SarkSeed {

    @Override
    public void seed(DSLContext dsl) {
        SarkData data = SarkData.with(dsl, 42);
        data.resource().name("weather").protocol(Protocol.HTTP)
                .capability(c -> c.name("forecast").sensitivity(LOW))
                .capability(c -> c.name("alerts").sensitivity(MEDIUM))
                .capability(c -> c.name("admin_reset").sensitivity(CRITICAL))
                .insert();
        data.resource().name("files").protocol(Protocol.MCP).withCapabilities(2).insert();
    }
}

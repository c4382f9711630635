package io.sark.example.adapter;

import io.sark.testkit.SarkSeed;
import io.sark.testkit.data.SarkData;
import org.jooq.DSLContext;

/** Written once into the template; every test database of {@link ToolCatalogTest} starts with it. */
public final class HttpCatalogSeed implements SarkSeed {

    @Override
    public void seed(DSLContext dsl) {
        SarkData data = SarkData.with(dsl, 42);
        data.resource().name("weather").protocol("http")
                .capability(c -> c.name("forecast").sensitivity("low"))
                .capability(c -> c.name("alerts").sensitivity("medium"))
                .capability(c -> c.name("admin_reset").sensitivity("critical"))
                .insert();
        data.resource().name("files").protocol("mcp").withCapabilities(2).insert();
    }
}

package io.sark.testkit.internal;

import io.sark.schema.SarkSchema;
import io.sark.testkit.SarkSeed;
import java.lang.reflect.Constructor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** What a template (or, under schema isolation, each test schema) is made of: extensions, migrations, seed. Internal. */
public final class SchemaSetup {

    private SchemaSetup() {
    }

    /** jOOQ settings that render the generated classes' schema as {@code schema}. */
    public static Settings renderSettings(String schema) {
        Settings settings = new Settings();
        if (!SarkSchema.DEFAULT_SCHEMA.equals(schema)) {
            settings.setRenderMapping(new RenderMapping().withSchemata(
                    new MappedSchema().withInput(SarkSchema.DEFAULT_SCHEMA).withOutput(schema)));
        }
        return settings;
    }

    /** Creates {@code extensions}, migrates {@code schema} through {@code ds} and runs {@code seed} in one transaction. */
    public static void migrate(DataSource ds, String schema, Class<? extends SarkSeed> seed, List<String> extensions) {
        if (!extensions.isEmpty()) {
            // in the database's default schema: the SARK schema does not exist yet
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("SET search_path = public");
                for (String extension : extensions) {
                    st.execute("CREATE EXTENSION IF NOT EXISTS " + extension + " CASCADE");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the extensions " + extensions + ": " + e.getMessage(), e);
            }
        }
        SarkSchema.configure().dataSource(ds).schema(schema).load().migrate();
        if (seed != SarkSeed.None.class) {
            SarkSeed instance = instantiate(seed);
            DSL.using(ds, SQLDialect.POSTGRES, renderSettings(schema)).transaction(tx -> instance.seed(tx.dsl()));
        }
    }

    private static SarkSeed instantiate(Class<? extends SarkSeed> seed) {
        try {
            Constructor<? extends SarkSeed> constructor = seed.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("seed " + seed.getName() + " needs a no-argument constructor: " + e, e);
        }
    }
}

package io.sark.spring.boot;

import io.sark.schema.SarkSchema;
import io.sark.schema.SchemaMigrationException;
import io.sark.schema.SchemaMigrationResult;
import io.sark.schema.SchemaValidation;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates or validates the SARK schema when the application context starts ({@code sark.schema.migrate}). The
 * {@code SarkDatabase} bean of the starter is created after it. Several instances may start at once:
 * {@link SarkSchema#migrate()} serialises them and exactly one applies each pending migration.
 */
public class SarkSchemaInitializer implements InitializingBean {

    private final SarkSchema schema;
    private final SarkProperties.SchemaAction action;
    private SchemaMigrationResult result;

    /** An initializer of {@code schemaName} in {@code dataSource}. */
    public SarkSchemaInitializer(DataSource dataSource, String schemaName, SarkProperties.SchemaAction action) {
        this.schema = SarkSchema.configure().dataSource(dataSource).schema(schemaName).load();
        this.action = action;
    }

    /**
     * Runs the configured action.
     *
     * @throws SchemaMigrationException if a migration fails, or with {@code validate} if the schema is not valid
     */
    @Override
    public void afterPropertiesSet() {
        switch (action) {
            case TRUE -> result = schema.migrate();
            case VALIDATE -> {
                SchemaValidation v = schema.validate();
                if (!v.valid()) {
                    throw new SchemaMigrationException("SARK schema " + v.schema() + " is not valid (sark.schema.migrate=validate): "
                            + String.join("; ", v.problems()));
                }
            }
            case FALSE -> {
            }
        }
    }

    /** The schema worked on. */
    public SarkSchema schema() {
        return schema;
    }

    /** What the start-up migration did; empty unless {@code sark.schema.migrate=true}. */
    public Optional<SchemaMigrationResult> result() {
        return Optional.ofNullable(result);
    }
}

package io.sark.spring.boot;

import io.sark.migration.StatusResult;
import io.sark.migration.V1ToV2Migration;
import io.sark.schema.SarkSchema;
import io.sark.schema.SchemaInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code sark} health component: UP when the SARK schema has a version and no pending migration, DOWN
 * otherwise (or when the database cannot be read). Details: {@code schema}, {@code version}, {@code pending} and,
 * with {@code sark.health.migration-runs=true}, {@code migration} (the latest v1 to v2 run: id, state, phase,
 * batches; {@code none} when no run was ever executed). A failed migration run is reported, but does not make the
 * component DOWN: the service works on what is migrated.
 */
public class SarkHealthIndicator extends AbstractHealthIndicator {

    private final SarkSchema schema;
    private final V1ToV2Migration migration;

    /** A health indicator of {@code schemaName}; with {@code migrationRuns}, also of the migration runs there. */
    public SarkHealthIndicator(DataSource dataSource, String schemaName, boolean migrationRuns) {
        super("SARK health check failed");
        this.schema = SarkSchema.configure().dataSource(dataSource).schema(schemaName).load();
        this.migration = migrationRuns ? V1ToV2Migration.builder().dataSource(dataSource).targetSchema(schemaName).build() : null;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SchemaInfo info = schema.info();
        boolean up = info.currentVersion().isPresent() && info.pending() == 0;
        (up ? builder.up() : builder.down())
                .withDetail("schema", info.schema())
                .withDetail("version", info.currentVersion().orElse("none"))
                .withDetail("pending", info.pending());
        if (migration != null) {
            StatusResult status = migration.status();
            if (status.runs().isEmpty()) {
                builder.withDetail("migration", "none");
            } else {
                StatusResult.Run run = status.runs().get(0);
                Map<String, Object> latest = new LinkedHashMap<>();
                latest.put("run", run.id());
                latest.put("state", run.state().toString());
                latest.put("phase", run.phase().toString());
                latest.put("batches", run.batchesDone());
                if (run.error() != null) {
                    latest.put("error", run.error());
                }
                builder.withDetail("migration", latest);
            }
        }
    }
}

package io.sark.spring.boot;

import io.sark.schema.SarkSchema;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code sark.*} properties of the starter (table in docs/spring.md). */
@ConfigurationProperties("sark")
public class SarkProperties {

    /** What to do with the SARK schema on start-up. */
    public enum SchemaAction {
        /** Apply pending migrations (several instances starting at once serialise). */
        TRUE,
        /** Leave the schema alone. */
        FALSE,
        /** Fail start-up unless the applied migrations match this SDK's and none is pending. */
        VALIDATE
    }

    private final Schema schema = new Schema();
    private final Metrics metrics = new Metrics();
    private final Health health = new Health();

    public Schema getSchema() {
        return schema;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public Health getHealth() {
        return health;
    }

    /** {@code sark.schema.*}. */
    public static class Schema {
        /** PostgreSQL schema holding the SARK tables. */
        private String name = SarkSchema.DEFAULT_SCHEMA;
        /** On start-up: true (migrate), false (nothing) or validate. */
        private SchemaAction migrate = SchemaAction.TRUE;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public SchemaAction getMigrate() {
            return migrate;
        }

        public void setMigrate(SchemaAction migrate) {
            this.migrate = migrate;
        }
    }

    /** {@code sark.metrics.*}. */
    public static class Metrics {
        /** Report SARK's meters to the application's MeterRegistry (when there is one). */
        private boolean enabled = true;
        /** Also time each budget and ledger operation (sark.dao.operations). */
        private boolean operationTimers = false;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isOperationTimers() {
            return operationTimers;
        }

        public void setOperationTimers(boolean operationTimers) {
            this.operationTimers = operationTimers;
        }
    }

    /** {@code sark.health.*}. */
    public static class Health {
        /** Also report the latest v1 to v2 migration run (V1ToV2Migration.status()). */
        private boolean migrationRuns = false;

        public boolean isMigrationRuns() {
            return migrationRuns;
        }

        public void setMigrationRuns(boolean migrationRuns) {
            this.migrationRuns = migrationRuns;
        }
    }
}

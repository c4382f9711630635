package io.sark.schema;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * How the SDK configures the libraries it runs, in one place: they log through SLF4J only (the application
 * chooses the binding; with none, nothing is printed), jOOQ prints no logo and no tip of the day, and PostgreSQL
 * NOTICEs raised by the SDK's own migrations ("already exists, skipping") are not reported as warnings.
 *
 * <p>A user who wants jOOQ's logo back sets {@code -Dorg.jooq.no-logo=false}: properties already set are kept.
 */
public final class LibraryDefaults {

    /** The system properties that jOOQ 3.19 reads once, when it first renders SQL. */
    public static final String JOOQ_NO_LOGO = "org.jooq.no-logo";
    /** See {@link #JOOQ_NO_LOGO}. */
    public static final String JOOQ_NO_TIPS = "org.jooq.no-tips";

    static {
        quietJooq();
    }

    private LibraryDefaults() {
    }

    /** Turns off jOOQ's logo and tip of the day unless the user set them; call before jOOQ renders its first query. */
    public static void quietJooq() {
        setIfAbsent(JOOQ_NO_LOGO);
        setIfAbsent(JOOQ_NO_TIPS);
    }

    /**
     * Flyway through SLF4J (not its java.util.logging fallback) and, on each connection it opens (an
     * {@code AFTER_CONNECT} callback; Flyway 13 deprecates {@code initSql}), {@code client_min_messages = warning}, so
     * that NOTICEs of our idempotent DDL ("already exists, skipping") do not surface as Flyway warnings; on Citus,
     * the migrations of a database run one at a time, whichever schema they target (a transaction-scoped advisory lock).
     */
    public static FluentConfiguration flyway(FluentConfiguration configuration) {
        quietJooq();
        return configuration.loggers("slf4j").callbacks(new NoNotices(), new DistributedDdlLock());
    }

    /** Sets {@code client_min_messages = warning} on Flyway's connections. */
    private static final class NoNotices extends BaseCallback {
        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_CONNECT;
        }

        @Override
        public void handle(Event event, Context context) {
            try (Statement st = context.getConnection().createStatement()) {
                st.execute("SET client_min_messages = warning");
            } catch (SQLException e) {
                throw new FlywayException("cannot set client_min_messages: " + e.getMessage(), e);
            }
        }

        @Override
        public String getCallbackName() {
            return "sark-no-notices";
        }
    }

    private static void setIfAbsent(String property) {
        try {
            if (System.getProperty(property) == null) {
                System.setProperty(property, "true");
            }
        } catch (SecurityException ignored) {
            // a restricted environment keeps jOOQ's defaults
        }
    }
}

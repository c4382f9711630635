package io.sark.example.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.dao.SarkDatabase;
import io.sark.schema.SarkSchema;
import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * A consumer with sark-dao and sark-testkit and no SLF4J binding (this module declares none): migrating the schema
 * (Flyway) and running a DAO query (jOOQ) write nothing to java.util.logging and print no jOOQ logo or tips.
 * Before issue 14, Flyway fell back to java.util.logging here: 66-73 INFO records per test run.
 */
@Isolated // captures the JVM-wide java.util.logging root and System.err
@DisabledIfSystemProperty(named = "sark.test.platform", matches = "citus", disabledReason = "migrates sark in an empty database (docs/platforms.md)")
class NoLoggingBindingTest {

    @Test
    void migrationsAndQueriesWriteNothingToJavaUtilLogging() {
        assertThat(LoggerFactory.getILoggerFactory()).as("no SLF4J binding on this test classpath").isInstanceOf(NOPLoggerFactory.class);

        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r); // only records that passed their logger's level (default INFO) reach the root handlers
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = LogManager.getLogManager().getLogger("");
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        root.addHandler(capture);
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            var result = SarkSchema.configure().dataSource(db.dataSource()).load().migrate();
            assertThat(result.applied()).isNotEmpty();
            try (SarkDatabase sark = SarkDatabase.using(db.dataSource())) {
                assertThat(sark.resources().findById("00000000-0000-0000-0000-000000000000")).isEmpty();
            }
        } finally {
            System.setErr(err);
            root.removeHandler(capture);
        }

        assertThat(records).as("java.util.logging records").extracting(r -> r.getLoggerName() + ": " + r.getMessage()).isEmpty();
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).as("stderr").doesNotContain("Flyway").doesNotContain("flywaydb").doesNotContain("jOOQ").doesNotContain("NOTICE");
        assertThat(System.getProperty("org.jooq.no-logo")).isEqualTo("true");
        assertThat(System.getProperty("org.jooq.no-tips")).isEqualTo("true");
    }
}

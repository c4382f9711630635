package io.sark.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sark.dao.SarkDatabase;
import io.sark.dao.model.BudgetLimits;
import io.sark.dao.model.BudgetReservation;
import io.sark.dao.model.NewCost;
import io.sark.migration.V1ToV2Migration;
import io.sark.schema.SarkSchema;
import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import io.sark.testkit.v1.V1Dataset;
import io.sark.testkit.v1.V1Shape;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The metrics table of docs/spring.md and the code cannot drift: a scripted scenario, then every documented meter is
 * read from the registry with its type and exactly its tag keys, and every {@code sark.*} meter is documented.
 */
class MetricsDocTest {

    record Row(String name, String type, Set<String> tags) {
    }

    static List<Row> documented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "spring.md"));
        String table = doc.substring(doc.indexOf("<!-- metrics-table -->"), doc.indexOf("<!-- /metrics-table -->"));
        List<Row> rows = new ArrayList<>();
        for (String line : table.split("\n")) {
            if (!line.startsWith("| `sark.")) {
                continue;
            }
            String[] cells = line.split("\\|");
            Set<String> tags = new TreeSet<>();
            for (String t : cells[3].split(",")) {
                if (!t.isBlank()) {
                    tags.add(t.strip().replace("`", ""));
                }
            }
            rows.add(new Row(cells[1].strip().replace("`", ""), cells[2].strip(), tags));
        }
        return rows;
    }

    @Test
    void everyDocumentedMeterExistsAfterAScriptedRunAndNothingElse() throws Exception {
        List<Row> rows = documented();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(10);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TestDatabase test = SarkTestDatabases.shared().createEmpty()) {
            V1Dataset.builder().shape(V1Shape.MIGRATION).schema("public").servers(12).toolsPerServer(2).build().create(test.dataSource());
            SarkSchema.configure().dataSource(test.dataSource()).schema("sark").load().migrate();
            scenario(SarkDatabase.using(test.dataSource()).withMetrics(registry, true));
            V1ToV2Migration.builder().dataSource(test.dataSource()).batchSize(5).meterRegistry(registry).build().execute();
        }

        Map<String, Row> byName = new LinkedHashMap<>();
        rows.forEach(r -> byName.put(r.name(), r));
        for (Row row : rows) {
            List<Meter> meters = new ArrayList<>(registry.find(row.name()).meters());
            assertThat(meters).as(row.name()).isNotEmpty();
            for (Meter m : meters) {
                Set<String> keys = m.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toCollection(TreeSet::new));
                assertThat(keys).as("tags of " + row.name()).isEqualTo(row.tags());
                switch (row.type()) {
                    case "counter" -> assertThat(m).as(row.name()).isInstanceOf(Counter.class);
                    case "gauge" -> assertThat(m).as(row.name()).isInstanceOf(Gauge.class);
                    case "timer" -> assertThat(m).as(row.name()).isInstanceOf(Timer.class);
                    default -> throw new AssertionError("unknown type in docs/spring.md: " + row.type());
                }
            }
            if (!row.type().equals("gauge")) {
                double total = meters.stream().mapToDouble(m -> m instanceof Counter c ? c.count() : ((Timer) m).count()).sum();
                assertThat(total).as("the scenario reached " + row.name()).isPositive();
            }
        }
        Set<String> undocumented = registry.getMeters().stream().map(m -> m.getId().getName())
                .filter(n -> n.startsWith("sark.") && !byName.containsKey(n)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(undocumented).as("sark meters missing from docs/spring.md").isEmpty();
    }

    private static void scenario(SarkDatabase db) {
        db.budgets().setLimits("doc", BudgetLimits.of("EUR").daily("10").monthly("100"));
        db.budgets().charge("doc", new BigDecimal("4"), "EUR");
        db.budgets().tryCharge("doc", new BigDecimal("7"), "EUR");                     // refused: daily
        try {
            db.budgets().charge("doc", BigDecimal.ONE, "USD");                            // refused: currency
        } catch (io.sark.dao.CurrencyMismatchException expected) {
            // counted
        }
        BudgetReservation a = db.budgets().reserve("doc", new BigDecimal("1"), "EUR").reservation().orElseThrow();
        BudgetReservation b = db.budgets().reserve("doc", new BigDecimal("1"), "EUR").reservation().orElseThrow();
        db.budgets().settle(a, new BigDecimal("0.5"));
        db.budgets().release(b);
        db.budgets().reserve("doc", new BigDecimal("1"), "EUR", java.time.Duration.ofNanos(1000), null);
        db.budgets().sweepExpired();
        db.costs().record(NewCost.of("doc", "r", "c").actual("0.1").currency("EUR").idempotencyKey("once"));
        db.costs().record(NewCost.of("doc", "r", "c").actual("0.1").currency("EUR").idempotencyKey("once"));
        db.costs().recordAll(List.of(NewCost.of("doc", "r", "c").actual("0.1").currency("EUR")));
    }
}

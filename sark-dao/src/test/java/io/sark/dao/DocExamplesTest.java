package io.sark.dao;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.dao.model.*;
import io.sark.schema.InvalidInputException;
import io.sark.testkit.SarkDatabaseTest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/dao.md, compiled and run. Each block between {@code // --- snippet: name ---} and
 * {@code // --- end ---} must be the java block after {@code <!-- snippet: name -->} in the doc
 * ({@link DocSnippetsTest}).
 */
@SarkDatabaseTest
class DocExamplesTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void pages(DataSource ds) {
        SarkDatabase db = Dbs.using(ds).withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 250; i++) {
            db.costs().record(NewCost.of("user-1", "res-1", "cap-1").actual("0.001").at(NOW.minusSeconds(i)));
        }
        Instant dayStart = NOW.minusSeconds(3600);
        List<Cost> seen = new ArrayList<>();
        // --- snippet: pages ---
        CostQuery query = CostQuery.all().principal("user-1").from(dayStart).limit(100);
        Page<Cost> page = db.costs().find(query);                        // the first 100
        while (page.hasNext()) {
            page = db.costs().find(query, page.nextPageToken().get());  // the same filters, the next 100
        }
        BigDecimal total = Page.stream(token -> db.costs().find(query, token))   // every row, lazily
                .map(Cost::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        Page.forEach(token -> db.costs().find(query, token), seen::add);
        // --- end ---
        assertThat(page.items()).hasSize(50);
        assertThat(seen).hasSize(250);
        assertThat(total).isEqualByComparingTo("0.25");
    }

    @Test
    void budgets(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        BudgetStatus status;
        ChargeResult refused;
        String problem = null;
        // --- snippet: budgets ---
        db.budgets().setLimits("user-2", BudgetLimits.of("EUR").daily("10").monthly("200"));
        ChargeResult ok = db.budgets().charge("user-2", new BigDecimal("2.5"), "EUR");   // accepted
        refused = db.budgets().charge("user-2", new BigDecimal("8"), "EUR");              // over the daily 10
        status = refused.status();                       // amounts at scale 8: dailySpent() is 2.50000000
        try {
            BudgetLimits.of("EUR").daily("-1");          // records validate on construction
        } catch (InvalidInputException e) {
            problem = e.field();                         // "daily"
        }
        // --- end ---
        assertThat(ok.accepted()).isTrue();
        assertThat(refused.exceeded()).contains(BudgetWindow.DAILY);
        assertThat(status.dailySpent()).isEqualTo("2.50000000");
        assertThat(problem).isEqualTo("daily");
    }
}

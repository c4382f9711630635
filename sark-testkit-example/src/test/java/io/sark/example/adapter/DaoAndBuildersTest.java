package io.sark.example.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.dao.SarkDatabase;
import io.sark.dao.model.AuditEvent;
import io.sark.dao.model.AuditEventType;
import io.sark.dao.model.BudgetReservation;
import io.sark.dao.model.BudgetStatus;
import io.sark.dao.model.CreatedApiKey;
import io.sark.dao.model.User;
import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.data.SarkData;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** docs/testkit.md, "The DAO and the builders together": builder-made rows checked through an injected SarkDatabase. */
@SarkDatabaseTest
class DaoAndBuildersTest {

    @Test
    void keysHoldsAndEventsSpeakTheDaosLanguage(SarkDatabase db, SarkData data) {
        User alice = data.user().email("alice@example.test").insert();
        CreatedApiKey key = data.apiKey().user(alice).scopes("server:read").insert();
        assertThat(db.apiKeys().verify(key.plaintext())).contains(key.apiKey());     // the DAO's format and hash

        BudgetStatus budget = data.budget().principal("alice").daily("10.00").insert();
        BudgetReservation hold = data.reservation().budget(budget).amount("2.50").insert();
        assertThat(db.budgets().status("alice").orElseThrow().reserved()).isEqualByComparingTo("2.50"); // live: one clock
        db.budgets().settle(hold, new BigDecimal("2.00"));
        assertThat(db.budgets().status("alice").orElseThrow().dailySpent()).isEqualByComparingTo("2.00");

        AuditEvent denied = data.auditEvent().type(AuditEventType.AUTHORIZATION_DENIED).user(alice).insert();
        assertThat(db.auditEvents().findById(denied.id())).hasValueSatisfying(e -> {
            assertThat(e.eventType()).isEqualTo(AuditEventType.AUTHORIZATION_DENIED);
            assertThat(e.userId()).contains(alice.id());
        });
    }
}

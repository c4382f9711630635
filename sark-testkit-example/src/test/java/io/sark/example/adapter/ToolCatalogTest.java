package io.sark.example.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.dao.model.BudgetStatus;
import io.sark.dao.model.Protocol;
import io.sark.dao.model.ResourceWithCapabilities;
import io.sark.dao.model.SensitivityLevel;
import io.sark.example.adapter.ToolCatalog.Tool;
import io.sark.testkit.Isolation;
import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.data.SarkData;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@SarkDatabaseTest(isolation = Isolation.PER_METHOD, seed = HttpCatalogSeed.class)
class ToolCatalogTest {

    @Test
    void exposesOnlyToolsUpToTheSensitivityCap(DataSource dataSource) throws Exception {
        ToolCatalog catalog = new ToolCatalog(dataSource);

        assertThat(catalog.exposable("http", "medium")).containsExactly(
                new Tool("weather", "alerts", "medium"),
                new Tool("weather", "forecast", "low"));
        assertThat(catalog.exposable("http", "critical")).hasSize(3);
        assertThat(catalog.exposable("grpc", "critical")).isEmpty();
        assertThatThrownBy(() -> catalog.exposable("http", "secret")).hasMessageContaining("unknown sensitivity");
    }

    @Test
    void seesRowsTheTestAdds(DataSource dataSource, SarkData data) throws Exception {
        ResourceWithCapabilities grpc = data.resource().name("payments").protocol(Protocol.GRPC)
                .capability(c -> c.name("refund").sensitivity(SensitivityLevel.HIGH)).insert();

        assertThat(new ToolCatalog(dataSource).exposable("grpc", "high"))
                .containsExactly(new Tool("payments", "refund", "high"));
        assertThat(grpc.capabilities()).hasSize(1);
    }

    @Test
    void reportsPrincipalsOverTheirDailyBudget(DataSource dataSource, SarkData data) throws Exception {
        BudgetStatus alice = data.budget().principal("alice").daily("1.00").insert();
        BudgetStatus bob = data.budget().principal("bob").daily("1.00").insert();
        data.cost().principal(alice).cost("1.20").insert();                         // today: over
        data.cost().principal(bob).cost("0.80").insert();                           // today: under
        data.cost().principal(bob).cost("5.00").in(Duration.ofDays(-2)).insert();   // before the window

        assertThat(new ToolCatalog(dataSource).overDailyBudget()).containsExactly("alice");
    }
}

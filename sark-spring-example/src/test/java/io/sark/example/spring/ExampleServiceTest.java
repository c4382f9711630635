package io.sark.example.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.schema.SarkSchema;
import io.sark.spring.boot.test.AutoConfigureSarkTestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The real application on the testkit's database, over HTTP: health, a charge and its metric, a refusal. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureSarkTestDatabase
@SuppressWarnings({"rawtypes", "unchecked"})
class ExampleServiceTest {

    @Autowired
    TestRestTemplate http;

    private double metric(String name, String... tags) {
        StringBuilder url = new StringBuilder("/actuator/metrics/" + name + "?");
        for (String t : tags) {
            url.append("tag=").append(t).append('&');
        }
        ResponseEntity<Map> r = http.getForEntity(url.toString(), Map.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map> measurements = (List<Map>) r.getBody().get("measurements");
        return ((Number) measurements.get(0).get("value")).doubleValue();
    }

    @Test
    void healthReportsTheMigratedSchema() {
        ResponseEntity<Map> r = http.getForEntity("/actuator/health", Map.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map sark = (Map) ((Map) r.getBody().get("components")).get("sark");
        assertThat(sark.get("status")).isEqualTo("UP");
        assertThat((Map) sark.get("details")).containsEntry("version", SarkSchema.LATEST_VERSION).containsEntry("pending", 0);
    }

    @Test
    void registersRecordsChargesAndRefusesOverTheBudget() {
        ResponseEntity<Map> resource = http.postForEntity("/resources",
                Map.of("name", "weather", "endpoint", "https://weather.example/api", "capability", "forecast"), Map.class);
        assertThat(resource.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String resourceId = (String) resource.getBody().get("resourceId");
        String capabilityId = (String) resource.getBody().get("capabilityId");

        ResponseEntity<Map> cost = http.postForEntity("/costs", Map.of("principal", "alice", "resourceId", resourceId,
                "capabilityId", capabilityId, "amount", "0.25", "currency", "EUR"), Map.class);
        assertThat(cost.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(metric("sark.ledger.rows", "path:single")).isEqualTo(1.0);

        http.exchange("/budgets/alice", HttpMethod.PUT, new HttpEntity<>(Map.of("currency", "EUR", "daily", "1")), Map.class);
        ResponseEntity<Map> ok = http.postForEntity("/budgets/alice/charges", Map.of("amount", "0.6", "currency", "EUR"), Map.class);
        assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ok.getBody()).containsEntry("accepted", true);
        assertThat(metric("sark.budget.charges", "operation:charge", "outcome:accepted")).isEqualTo(1.0);

        ResponseEntity<Map> refused = http.postForEntity("/budgets/alice/charges", Map.of("amount", "0.6", "currency", "EUR"), Map.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PAYMENT_REQUIRED);
        assertThat(refused.getBody()).containsEntry("accepted", false).containsEntry("exceeded", "daily");
        assertThat(metric("sark.budget.charges", "operation:charge", "outcome:refused", "reason:daily")).isEqualTo(1.0);

        ResponseEntity<Map> currency = http.postForEntity("/budgets/alice/charges", Map.of("amount", "0.1", "currency", "USD"), Map.class);
        assertThat(currency.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(metric("sark.budget.charges", "operation:charge", "reason:currency")).isEqualTo(1.0);
    }
}

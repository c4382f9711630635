package io.sark.example.spring;

import io.sark.dao.CurrencyMismatchException;
import io.sark.dao.SarkDatabase;
import io.sark.dao.model.BudgetLimits;
import io.sark.dao.model.ChargeResult;
import io.sark.dao.model.Cost;
import io.sark.dao.model.NewCapability;
import io.sark.dao.model.NewCost;
import io.sark.dao.model.NewResource;
import io.sark.dao.model.ResourceWithCapabilities;
import io.sark.schema.InvalidInputException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The service's endpoints, all on the starter's {@link SarkDatabase} bean. */
@RestController
public class SarkController {

    private final SarkDatabase db;

    public SarkController(SarkDatabase db) {
        this.db = db;
    }

    /** A resource with one capability. */
    public record ResourceRequest(String name, String endpoint, String capability) {
    }

    /** A cost to record in the ledger. */
    public record CostRequest(String principal, String resourceId, String capabilityId, BigDecimal amount, String currency,
                              String idempotencyKey) {
    }

    /** Budget limits; null for none. */
    public record LimitsRequest(String currency, String daily, String monthly) {
    }

    /** An amount to charge. */
    public record ChargeRequest(BigDecimal amount, String currency) {
    }

    @PostMapping("/resources")
    public ResponseEntity<Map<String, Object>> register(@RequestBody ResourceRequest r) {
        ResourceWithCapabilities created = db.resources().register(NewResource.http(r.name(), r.endpoint()),
                List.of(NewCapability.of(r.capability())));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("resourceId", created.resource().id(),
                "capabilityId", created.capabilities().get(0).id()));
    }

    @PostMapping("/costs")
    public ResponseEntity<Map<String, Object>> record(@RequestBody CostRequest c) {
        NewCost cost = NewCost.of(c.principal(), c.resourceId(), c.capabilityId()).actual(c.amount()).currency(c.currency());
        Cost row = db.costs().record(c.idempotencyKey() == null ? cost : cost.idempotencyKey(c.idempotencyKey()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", row.id(), "amount", row.actualCost().orElseThrow().toPlainString()));
    }

    @PutMapping("/budgets/{principal}")
    public Map<String, Object> limits(@PathVariable("principal") String principal, @RequestBody LimitsRequest l) {
        BudgetLimits limits = BudgetLimits.of(l.currency());
        limits = l.daily() == null ? limits : limits.daily(l.daily());
        limits = l.monthly() == null ? limits : limits.monthly(l.monthly());
        return Map.of("principal", db.budgets().setLimits(principal, limits).principalId());
    }

    /** 200 with the figures when accepted; 402 Payment Required naming the exceeded window when refused. */
    @PostMapping("/budgets/{principal}/charges")
    public ResponseEntity<Map<String, Object>> charge(@PathVariable("principal") String principal, @RequestBody ChargeRequest c) {
        ChargeResult r = db.budgets().charge(principal, c.amount(), c.currency());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", r.accepted());
        body.put("dailySpent", r.status().dailySpent().toPlainString());
        r.exceeded().ifPresent(w -> body.put("exceeded", w.name().toLowerCase(java.util.Locale.ROOT)));
        return ResponseEntity.status(r.accepted() ? HttpStatus.OK : HttpStatus.PAYMENT_REQUIRED).body(body);
    }

    @ExceptionHandler(InvalidInputException.class)
    public ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest().body(Map.of("field", e.field(), "error", e.getMessage()));
    }

    @ExceptionHandler(CurrencyMismatchException.class)
    public ResponseEntity<Map<String, Object>> currency(CurrencyMismatchException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }
}

package io.sark.dao;

import static io.sark.dao.ResourceDaoTest.assertField;
import static io.sark.schema.jooq.Tables.API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.sark.dao.model.ApiKey;
import io.sark.dao.model.CreatedApiKey;
import io.sark.dao.model.NewApiKey;
import io.sark.testkit.SarkDatabaseTest;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

@SarkDatabaseTest
class ApiKeyDaoTest {

    @Test
    void createReturnsThePlaintextOnceAndStoresOnlyPrefixAndHash(DataSource ds, DSLContext dsl) throws Exception {
        SarkDatabase db = Dbs.using(ds);
        UUID user = UUID.randomUUID();
        CreatedApiKey created = db.apiKeys().create(NewApiKey.of(user, "ci").scopes(List.of("server:read", "server:write"))
                .description("for CI").rateLimit(60));
        String plaintext = created.plaintext();
        assertThat(plaintext).matches("sark_[a-z2-7]{12}_[A-Za-z0-9_-]{43}");
        assertThat(created.toString()).doesNotContain(plaintext.substring(18));
        ApiKey k = created.apiKey();
        assertThat(plaintext).startsWith("sark_" + k.keyPrefix() + "_");
        assertThat(k.scopes()).containsExactly("server:read", "server:write");
        assertThat(k.rateLimit()).isEqualTo(60);
        assertThat(k.usageCount()).isZero();
        var row = dsl.selectFrom(API_KEYS).where(API_KEYS.ID.eq(k.id())).fetchOne();
        String expectedHash = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plaintext.getBytes()));
        assertThat(row.getKeyHash()).isEqualTo(expectedHash).doesNotContain(plaintext.substring(18));
        assertThat(row.intoMap().values()).noneMatch(v -> v != null && v.toString().contains(plaintext.substring(18)));

        assertThat(db.apiKeys().verify(plaintext)).contains(k);
        assertThat(db.apiKeys().findById(k.id())).contains(k);
        assertThat(db.apiKeys().listByUser(user)).containsExactly(k);
        CreatedApiKey other = db.apiKeys().create(NewApiKey.of(user, "second"));
        assertThat(other.plaintext()).isNotEqualTo(plaintext);
        assertThat(db.apiKeys().listByUser(user)).hasSize(2);
    }

    @Test
    void verifyRefusesWrongRevokedInactiveAndExpiredKeys(DataSource ds, DSLContext dsl) {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        SarkDatabase db = Dbs.using(ds).withClock(Clock.fixed(now, ZoneOffset.UTC));
        CreatedApiKey c = db.apiKeys().create(NewApiKey.of(UUID.randomUUID(), "k").expiresAt(now.plusSeconds(10)));
        String p = c.plaintext();
        assertThat(db.apiKeys().verify(p)).isPresent();
        String wrongSecret = p.substring(0, p.length() - 1) + (p.endsWith("A") ? "B" : "A");
        assertThat(db.apiKeys().verify(wrongSecret)).isEmpty();
        assertThat(db.apiKeys().verify("sark_zzzzzzzzzzzz_" + p.substring(18))).isEmpty();
        assertThat(db.apiKeys().verify(null)).isEmpty();
        assertThat(db.apiKeys().verify("garbage")).isEmpty();
        assertThat(db.apiKeys().verify("sark_short")).isEmpty();

        SarkDatabase later = db.withClock(Clock.fixed(now.plusSeconds(10), ZoneOffset.UTC));
        assertThat(later.apiKeys().verify(p)).as("expired at expires_at").isEmpty();

        dsl.update(API_KEYS).set(API_KEYS.IS_ACTIVE, false).where(API_KEYS.ID.eq(c.apiKey().id())).execute();
        assertThat(db.apiKeys().verify(p)).as("inactive").isEmpty();
        dsl.update(API_KEYS).set(API_KEYS.IS_ACTIVE, true).where(API_KEYS.ID.eq(c.apiKey().id())).execute();
        assertThat(db.apiKeys().verify(p)).isPresent();

        UUID admin = UUID.randomUUID();
        ApiKey revoked = db.apiKeys().revoke(c.apiKey().id(), admin);
        assertThat(revoked.active()).isFalse();
        assertThat(revoked.revokedAt()).contains(now);
        assertThat(revoked.revokedBy()).contains(admin);
        assertThat(db.apiKeys().verify(p)).isEmpty();
        // revoked but re-activated by hand: still refused (revoked_at is set)
        dsl.update(API_KEYS).set(API_KEYS.IS_ACTIVE, true).where(API_KEYS.ID.eq(c.apiKey().id())).execute();
        assertThat(db.apiKeys().verify(p)).isEmpty();
        ApiKey again = later.apiKeys().revoke(c.apiKey().id(), UUID.randomUUID());
        assertThat(again.revokedAt()).contains(now);
        assertThat(again.revokedBy()).contains(admin);
    }

    @Test
    void recordUsageIsAtomicUnderConcurrency(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        ApiKey k = db.apiKeys().create(NewApiKey.of(UUID.randomUUID(), "busy")).apiKey();
        List<CompletableFuture<ApiKey>> calls = IntStream.range(0, 200)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> db.apiKeys().recordUsage(k.id(), "10.0.0." + (i % 250))))
                .toList();
        calls.forEach(CompletableFuture::join);
        ApiKey after = db.apiKeys().findById(k.id()).orElseThrow();
        assertThat(after.usageCount()).isEqualTo(200);
        assertThat(after.lastUsedAt()).isPresent();
        assertThat(after.lastUsedIp()).isPresent();
        ApiKey keepIp = db.apiKeys().recordUsage(k.id(), null);
        assertThat(keepIp.lastUsedIp()).isEqualTo(after.lastUsedIp());
        assertThat(keepIp.usageCount()).isEqualTo(201);
    }

    @Test
    void invalidInputAndMissingKeys(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        assertField(() -> NewApiKey.of(null, "n"), "userId");
        assertField(() -> NewApiKey.of(UUID.randomUUID(), "n").rateLimit(-1), "rateLimit");
        assertField(() -> NewApiKey.of(UUID.randomUUID(), "n".repeat(256)), "name");
        assertField(() -> NewApiKey.of(UUID.randomUUID(), "n").scopes(java.util.Arrays.asList("a", null)), "scopes");
        assertField(() -> db.apiKeys().recordUsage(UUID.randomUUID(), "1".repeat(46)), "ip");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.apiKeys().recordUsage(UUID.randomUUID(), null))
                .isInstanceOf(NotFoundException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.apiKeys().revoke(UUID.randomUUID(), null))
                .isInstanceOf(NotFoundException.class);
    }
}

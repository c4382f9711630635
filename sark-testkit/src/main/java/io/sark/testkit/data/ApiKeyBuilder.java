package io.sark.testkit.data;

import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.tables.records.ApiKeysRecord;
import io.sark.schema.jooq.tables.records.TeamsRecord;
import io.sark.schema.jooq.tables.records.UsersRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * An {@code api_keys} row. Defaults: a new default user as owner, name {@code key-<n>-<suffix>}, prefix
 * {@code sk_} plus 8 seed-derived characters, a 32-character secret, scopes {@code server:read}, 1000 requests
 * per minute, active, expiring 90 days after "now". {@code key_hash} is the lower-case hex SHA-256 of the
 * plaintext key; set {@link #keyHash} if the code under test hashes differently.
 */
public final class ApiKeyBuilder {

    private final SarkData data;
    private final ApiKeysRecord record = new ApiKeysRecord();
    private final String secret;
    private boolean hashSet;

    ApiKeyBuilder(SarkData data, Draw draw) {
        this.data = data;
        record.setId(draw.uuid());
        record.setName(draw.label("key"));
        record.setKeyPrefix("sk_" + draw.letters(8));
        this.secret = draw.letters(32);
        record.setScopes(new String[] {"server:read"});
        record.setRateLimit(1000);
        record.setIsActive(true);
        record.setUsageCount(0);
        record.setExpiresAt(data.now().plus(Duration.ofDays(90)));
        record.setCreatedAt(data.now());
        record.setUpdatedAt(data.now());
    }

    /** The owning user. */
    public ApiKeyBuilder user(UsersRecord user) {
        record.setUserId(user.getId());
        return this;
    }

    /** The team it is scoped to. */
    public ApiKeyBuilder team(TeamsRecord team) {
        record.setTeamId(team.getId());
        return this;
    }

    /** The name. */
    public ApiKeyBuilder name(String name) {
        record.setName(name);
        return this;
    }

    /** The permission scopes. */
    public ApiKeyBuilder scopes(String... scopes) {
        record.setScopes(scopes.clone());
        return this;
    }

    /** The unique key prefix (at most 16 characters). */
    public ApiKeyBuilder keyPrefix(String prefix) {
        record.setKeyPrefix(prefix);
        return this;
    }

    /** The stored hash instead of the SHA-256 of the plaintext. */
    public ApiKeyBuilder keyHash(String keyHash) {
        record.setKeyHash(keyHash);
        hashSet = true;
        return this;
    }

    /** Requests per minute. */
    public ApiKeyBuilder rateLimit(int perMinute) {
        record.setRateLimit(perMinute);
        return this;
    }

    /** Expiry relative to "now" (negative: expired; {@code null}: never). */
    public ApiKeyBuilder expiresIn(Duration duration) {
        record.setExpiresAt(duration == null ? null : data.now().plus(duration));
        return this;
    }

    /** Revoked "now" by {@code by}: inactive, with {@code revoked_at}/{@code revoked_by}. */
    public ApiKeyBuilder revoked(UsersRecord by) {
        record.setIsActive(false);
        record.setRevokedAt(data.now());
        record.setRevokedBy(by.getId());
        return this;
    }

    /** Inserts the key (and a user if none was given). */
    public TestApiKey insert() {
        if (record.getUserId() == null) {
            record.setUserId(data.defaultUser().getId());
        }
        String plaintext = record.getKeyPrefix() + "_" + secret;
        if (!hashSet) {
            record.setKeyHash(sha256(plaintext));
        }
        return new TestApiKey(Rows.insert(data.dsl(), Tables.API_KEYS, record), plaintext);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

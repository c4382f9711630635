package io.sark.testkit.data;

import io.sark.dao.ApiKeyFormat;
import io.sark.dao.model.CreatedApiKey;
import io.sark.dao.model.Team;
import io.sark.dao.model.User;
import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.tables.records.ApiKeysRecord;
import java.time.Duration;
import java.util.UUID;

/**
 * An API key in the DAO's format: {@link ApiKeyFormat#newKey} draws it (from the seed, so it is reproducible and not
 * secret), {@link ApiKeyFormat#prefixOf} and {@link ApiKeyFormat#hashOf} give the stored prefix and hash, so
 * {@code apiKeys().verify(key.plaintext())} finds it while it is valid. Defaults: a new default user as owner, name
 * {@code key-<n>-<suffix>}, scopes {@code server:read}, 1000 requests per minute, active, expiring 90 days after
 * "now" on the shared clock. {@link #insert()} returns the DAO's {@link CreatedApiKey} (the key and its plaintext).
 */
public final class ApiKeyBuilder {

    private final SarkData data;
    private final ApiKeysRecord record = new ApiKeysRecord();
    private final String plaintext;

    ApiKeyBuilder(SarkData data, Draw draw) {
        this.data = data;
        this.plaintext = ApiKeyFormat.newKey(draw.random());
        record.setId(draw.uuid());
        record.setName(draw.label("key"));
        record.setKeyPrefix(ApiKeyFormat.prefixOf(plaintext));
        record.setKeyHash(ApiKeyFormat.hashOf(plaintext));
        record.setScopes(new String[] {"server:read"});
        record.setRateLimit(1000);
        record.setIsActive(true);
        record.setUsageCount(0);
        record.setExpiresAt(Times.column(data.now().plus(Duration.ofDays(90))));
        record.setCreatedAt(Times.column(data.now()));
        record.setUpdatedAt(Times.column(data.now()));
    }

    /** The owning user. */
    public ApiKeyBuilder user(User user) {
        record.setUserId(user.id());
        return this;
    }

    /** The team it acts for. */
    public ApiKeyBuilder team(Team team) {
        record.setTeamId(team.id());
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

    /** Requests per minute. */
    public ApiKeyBuilder rateLimit(int perMinute) {
        record.setRateLimit(perMinute);
        return this;
    }

    /** Expiry relative to "now" (negative: expired, so {@code verify} refuses it; {@code null}: never). */
    public ApiKeyBuilder expiresIn(Duration duration) {
        record.setExpiresAt(duration == null ? null : Times.column(data.now().plus(duration)));
        return this;
    }

    /** Revoked "now" by {@code by}: inactive, with its revocation time and revoker ({@code verify} refuses it). */
    public ApiKeyBuilder revoked(User by) {
        record.setIsActive(false);
        record.setRevokedAt(Times.column(data.now()));
        record.setRevokedBy(by.id());
        return this;
    }

    /** Inserts the key (and a user if none was given) and returns it as the DAO reads it, with its plaintext. */
    public CreatedApiKey insert() {
        if (record.getUserId() == null) {
            record.setUserId(data.defaultUser().id());
        }
        UUID id = Rows.insert(data.dsl(), Tables.API_KEYS, record).getId();
        return new CreatedApiKey(data.readBack("API key", db -> db.apiKeys().findById(id)), plaintext);
    }
}

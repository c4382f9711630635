package io.sark.dao;

import static io.sark.schema.jooq.Tables.API_KEYS;

import io.sark.dao.internal.Check;
import io.sark.dao.internal.DaoContext;
import io.sark.dao.internal.Db;
import io.sark.dao.model.ApiKey;
import io.sark.dao.model.CreatedApiKey;
import io.sark.dao.model.NewApiKey;
import io.sark.schema.jooq.tables.records.ApiKeysRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * API keys ({@code api_keys}).
 *
 * <p>A key is {@code sark_<prefix>_<secret>}: a 12-character prefix (lowercase base32, 60 random bits) that
 * identifies the row and is stored as {@code key_prefix}, and a 256-bit random secret (base64url). The database
 * stores {@code sha256:<hex>} of the whole key. A fast hash is sufficient here because the secret is high-entropy
 * random data, not a password: brute force over 2^256 is impossible, so a slow KDF would add latency and no
 * security. {@link #verify} compares hashes in constant time ({@link MessageDigest#isEqual}).
 */
public final class ApiKeyDao {

    /** Prefix of every plaintext key. */
    public static final String KEY_PREFIX = "sark_";
    static final int PREFIX_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] DUMMY_HASH = sha256("sark_dummy_key_for_constant_work");

    private final DaoContext context;

    ApiKeyDao(DaoContext context) {
        this.context = context;
    }

    /**
     * Creates a key and returns it with its plaintext, which is not stored and cannot be retrieved again.
     */
    public CreatedApiKey create(NewApiKey key) {
        Check.notNull("key", key);
        OffsetDateTime now = context.now();
        for (int attempt = 0; ; attempt++) {
            String plaintext = ApiKeyFormat.newKey(RANDOM);
            String prefix = ApiKeyFormat.prefixOf(plaintext);
            // ON CONFLICT DO NOTHING: a (60-bit, astronomically rare) prefix collision draws again without aborting a
            // caller's transaction.
            Optional<ApiKey> stored = context.dsl().insertInto(API_KEYS)
                    .set(API_KEYS.ID, UUID.randomUUID())
                    .set(API_KEYS.USER_ID, key.userId())
                    .set(API_KEYS.TEAM_ID, key.teamId())
                    .set(API_KEYS.NAME, key.name())
                    .set(API_KEYS.DESCRIPTION, key.description())
                    .set(API_KEYS.KEY_PREFIX, prefix)
                    .set(API_KEYS.KEY_HASH, ApiKeyFormat.hashOf(plaintext))
                    .set(API_KEYS.SCOPES, key.scopes().toArray(String[]::new))
                    .set(API_KEYS.RATE_LIMIT, key.rateLimit())
                    .set(API_KEYS.IS_ACTIVE, true)
                    .set(API_KEYS.EXPIRES_AT, Db.odt(key.expiresAt()))
                    .set(API_KEYS.USAGE_COUNT, 0)
                    .set(API_KEYS.CREATED_AT, now)
                    .set(API_KEYS.UPDATED_AT, now)
                    .onConflict(API_KEYS.KEY_PREFIX).doNothing()
                    .returning().fetchOptional().map(ApiKeyDao::map);
            if (stored.isPresent()) {
                return new CreatedApiKey(stored.get(), plaintext);
            }
            if (attempt >= 5) {
                throw new io.sark.schema.SarkException("could not draw an unused API key prefix");
            }
        }
    }

    /**
     * The key if {@code plaintext} is a valid key at "now": the prefix exists, the hash matches (constant-time),
     * it is active, not revoked and not expired. Empty otherwise (malformed input included), never an exception
     * for a wrong key.
     */
    public Optional<ApiKey> verify(String plaintext) {
        if (plaintext == null || !plaintext.startsWith(KEY_PREFIX) || plaintext.length() > 200
                || plaintext.length() < KEY_PREFIX.length() + PREFIX_LENGTH + 2
                || plaintext.charAt(KEY_PREFIX.length() + PREFIX_LENGTH) != '_') {
            return Optional.empty();
        }
        String prefix = plaintext.substring(KEY_PREFIX.length(), KEY_PREFIX.length() + PREFIX_LENGTH);
        byte[] presented = sha256(plaintext);
        Optional<Record> row = context.dsl().selectFrom(API_KEYS).where(API_KEYS.KEY_PREFIX.eq(prefix))
                .fetchOptional().map(r -> (Record) r);
        byte[] stored = row.map(r -> storedHash(r.get(API_KEYS.KEY_HASH))).orElse(DUMMY_HASH);
        boolean matches = MessageDigest.isEqual(presented, stored) && row.isPresent();
        if (!matches) {
            return Optional.empty();
        }
        ApiKey key = map(row.get());
        return key.isValidAt(context.now().toInstant()) ? Optional.of(key) : Optional.empty();
    }

    /** The key with this id. */
    public Optional<ApiKey> findById(UUID id) {
        Check.notNull("id", id);
        return context.dsl().selectFrom(API_KEYS).where(API_KEYS.ID.eq(id)).fetchOptional()
                .map(ApiKeyDao::map);
    }

    /** The keys of a user, newest first. */
    public List<ApiKey> listByUser(UUID userId) {
        Check.notNull("userId", userId);
        return context.dsl().selectFrom(API_KEYS).where(API_KEYS.USER_ID.eq(userId))
                .orderBy(API_KEYS.CREATED_AT.desc(), API_KEYS.ID).fetch(ApiKeyDao::map);
    }

    /**
     * Records one use atomically in a single UPDATE ({@code usage_count = usage_count + 1}, last used time "now" and
     * the address if given), so concurrent uses are never lost.
     *
     * @param ip client address (at most 45 characters) or null to keep the previous one
     * @throws NotFoundException if there is no such key
     */
    public ApiKey recordUsage(UUID id, String ip) {
        Check.notNull("id", id);
        Check.optional("ip", ip, 45);
        return context.dsl().update(API_KEYS)
                .set(API_KEYS.USAGE_COUNT, API_KEYS.USAGE_COUNT.plus(1))
                .set(API_KEYS.LAST_USED_AT, context.now())
                .set(API_KEYS.LAST_USED_IP, ip == null ? API_KEYS.LAST_USED_IP : DSL.val(ip))
                .where(API_KEYS.ID.eq(id))
                .returning().fetchOptional().map(ApiKeyDao::map)
                .orElseThrow(() -> new NotFoundException("api key", id));
    }

    /**
     * Revokes a key: inactive, {@code revoked_at} "now", {@code revoked_by}. Revoking again keeps the first
     * revocation's time and revoker.
     *
     * @param revokedBy who revokes it, or null
     * @throws NotFoundException if there is no such key
     */
    public ApiKey revoke(UUID id, UUID revokedBy) {
        Check.notNull("id", id);
        OffsetDateTime now = context.now();
        return context.dsl().update(API_KEYS)
                .set(API_KEYS.IS_ACTIVE, false)
                .set(API_KEYS.REVOKED_AT, DSL.coalesce(API_KEYS.REVOKED_AT, DSL.val(now)))
                .set(API_KEYS.REVOKED_BY, DSL.when(API_KEYS.REVOKED_AT.isNull(), DSL.val(revokedBy, API_KEYS.REVOKED_BY))
                        .otherwise(API_KEYS.REVOKED_BY))
                .set(API_KEYS.UPDATED_AT, now)
                .where(API_KEYS.ID.eq(id))
                .returning().fetchOptional().map(ApiKeyDao::map)
                .orElseThrow(() -> new NotFoundException("api key", id));
    }

    private static byte[] storedHash(String value) {
        if (value == null || !value.startsWith("sha256:") || value.length() != 7 + 64) {
            return DUMMY_HASH;
        }
        try {
            return HexFormat.of().parseHex(value.substring(7));
        } catch (IllegalArgumentException e) {
            return DUMMY_HASH;
        }
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static ApiKey map(Record rec) {
        ApiKeysRecord r = rec.into(API_KEYS);
        return new ApiKey(r.getId(), r.getUserId(), Optional.ofNullable(r.getTeamId()), r.getName(),
                Optional.ofNullable(r.getDescription()), r.getKeyPrefix(),
                r.getScopes() == null ? List.of() : Arrays.asList(r.getScopes()), r.getRateLimit(), r.getIsActive(),
                Db.optInstant(r.getExpiresAt()), Db.optInstant(r.getLastUsedAt()), Optional.ofNullable(r.getLastUsedIp()),
                r.getUsageCount(), Db.instant(r.getCreatedAt()), Db.instant(r.getUpdatedAt()), Db.optInstant(r.getRevokedAt()),
                Optional.ofNullable(r.getRevokedBy()));
    }
}

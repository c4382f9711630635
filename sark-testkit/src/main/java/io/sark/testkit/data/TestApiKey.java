package io.sark.testkit.data;

import io.sark.schema.jooq.tables.records.ApiKeysRecord;

/**
 * An API key as stored, with the plaintext key a client would send.
 *
 * @param record    the {@code api_keys} row ({@code key_hash} = lower-case hex SHA-256 of {@code plaintext})
 * @param plaintext {@code <key_prefix>_<secret>}
 */
public record TestApiKey(ApiKeysRecord record, String plaintext) {

    /** The key's id. */
    public java.util.UUID id() {
        return record.getId();
    }
}

package io.sark.dao.model;

/**
 * A newly created API key and its plaintext. The plaintext exists only here: the database stores a hash, so it
 * cannot be shown again. {@link #toString()} does not print it.
 *
 * @param apiKey the stored key
 * @param plaintext the full key to hand to the client, {@code sark_<prefix>_<secret>}
 */
public record CreatedApiKey(ApiKey apiKey, String plaintext) {

    @Override
    public String toString() {
        return "CreatedApiKey[apiKey=" + apiKey + ", plaintext=****]";
    }
}

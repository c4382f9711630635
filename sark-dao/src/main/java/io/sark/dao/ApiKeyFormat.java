package io.sark.dao;

import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The format of the keys {@link ApiKeyDao} creates and verifies, in one place: {@code sark_<prefix>_<secret>} with a
 * 12-character prefix (lowercase base32, 60 random bits) stored as {@code key_prefix}, a 256-bit secret (base64url,
 * 43 characters), and {@code key_hash} = {@code sha256:<lower-case hex>} of the whole key.
 *
 * <p>Public so that a test fixture (the testkit's {@code SarkData.apiKey()}) can write keys that
 * {@link ApiKeyDao#verify} accepts without restating the rule; applications create keys with
 * {@link ApiKeyDao#create}.
 */
public final class ApiKeyFormat {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private ApiKeyFormat() {
    }

    /**
     * A plaintext key drawn from {@code random}. {@link ApiKeyDao#create} draws from a {@link java.security.SecureRandom};
     * a seeded generator gives reproducible keys, which are then not secret.
     */
    public static String newKey(RandomGenerator random) {
        char[] c = new char[ApiKeyDao.PREFIX_LENGTH];
        for (int i = 0; i < c.length; i++) {
            c[i] = BASE32[random.nextInt(BASE32.length)];
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return ApiKeyDao.KEY_PREFIX + new String(c) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The {@code key_prefix} of a key made by {@link #newKey}: the 12 characters after {@code sark_}. */
    public static String prefixOf(String plaintext) {
        return plaintext.substring(ApiKeyDao.KEY_PREFIX.length(), ApiKeyDao.KEY_PREFIX.length() + ApiKeyDao.PREFIX_LENGTH);
    }

    /** The {@code key_hash} that {@link ApiKeyDao#verify} accepts for {@code plaintext}: {@code sha256:<lower-case hex>}. */
    public static String hashOf(String plaintext) {
        return "sha256:" + HexFormat.of().formatHex(ApiKeyDao.sha256(plaintext));
    }
}

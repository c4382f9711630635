package io.sark.dao.internal;

import io.sark.schema.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset page tokens: the sort key of the last row of a page, base64url encoded. Internal; callers only
 * hand back what a page gave them.
 */
public final class PageTokens {

    private static final char SEP = '\u0001';

    private PageTokens() {
    }

    public static String encode(String kind, String... parts) {
        StringBuilder sb = new StringBuilder(kind);
        for (String p : parts) {
            sb.append(SEP).append(p);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of {@code token}, which must have been made for {@code kind} with {@code count} parts. */
    public static List<String> decode(String kind, String token, int count) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            List<String> parts = List.of(s.split(String.valueOf(SEP), -1));
            if (parts.size() != count + 1 || !parts.get(0).equals(kind)) {
                throw new IllegalArgumentException("wrong shape");
            }
            return parts.subList(1, parts.size());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("pageToken", "is not a page token of this listing");
        }
    }

    /** Encodes an instant exactly (epoch second and nano). */
    public static String instant(Instant i) {
        return i.getEpochSecond() + "." + i.getNano();
    }

    public static Instant instant(String s) {
        try {
            int dot = s.indexOf('.');
            return Instant.ofEpochSecond(Long.parseLong(s.substring(0, dot)), Long.parseLong(s.substring(dot + 1)));
        } catch (RuntimeException e) {
            throw new InvalidInputException("pageToken", "is not a page token of this listing");
        }
    }
}

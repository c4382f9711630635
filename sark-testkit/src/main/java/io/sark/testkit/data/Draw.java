package io.sark.testkit.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** The random source of one builder: a function of (seed, kind, n) only. */
final class Draw {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    final long n;
    private final SplittableRandom random;
    private final String suffix;

    Draw(long seed, String kind, long n) {
        this.n = n;
        this.random = new SplittableRandom(mix(mix(seed) ^ mix(kind.hashCode() * 0x9E3779B97F4A7C15L) ^ n));
        this.suffix = letters(6);
    }

    /** 6 seed-derived characters that keep unique values apart across seeds. */
    String suffix() {
        return suffix;
    }

    /** {@code <name>-<n>-<suffix>}. */
    String label(String name) {
        return name + "-" + n + "-" + suffix;
    }

    String letters(int count) {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** A version 4 UUID from the random stream. */
    UUID uuid() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    int nextInt(int origin, int bound) {
        return random.nextInt(origin, bound);
    }

    /** A decimal in [min, max) with {@code scale} digits. */
    BigDecimal decimal(String min, String max, int scale) {
        BigDecimal lo = new BigDecimal(min);
        BigDecimal span = new BigDecimal(max).subtract(lo);
        return lo.add(span.multiply(BigDecimal.valueOf(random.nextDouble()))).setScale(scale, RoundingMode.DOWN);
    }

    /** The random stream itself, e.g. for the DAO's key format. */
    RandomGenerator random() {
        return random;
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

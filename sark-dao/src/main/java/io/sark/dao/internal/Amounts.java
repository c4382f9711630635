package io.sark.dao.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one scale of every amount the SDK returns: 8 decimals, the scale of the NUMERIC(18,8) money columns, whatever
 * scale the caller passed in or an aggregate produced. Internal.
 */
public final class Amounts {

    /** Decimals of every returned amount. */
    public static final int SCALE = 8;
    /** Zero at {@link #SCALE}. */
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private Amounts() {
    }

    /** {@code value} at {@link #SCALE}; exact (a value with more decimals is a bug, not input); null stays null. */
    public static BigDecimal of(BigDecimal value) {
        return value == null || value.scale() == SCALE ? value : value.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** {@code value} rounded half-even to {@link #SCALE} (averages); null stays null. */
    public static BigDecimal rounded(BigDecimal value) {
        return value == null || value.scale() == SCALE ? value : value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}

package io.haneul.s3.select;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Numbers as S3 Select holds them: decimals of at most 34 digits with an exponent inside IEEE
 * decimal128's range ({@link MathContext#DECIMAL128}). Bounding them matters because BigDecimal takes
 * {@code 1e5000000} at its word and later builds all five million digits (setScale, toBigInteger,
 * exact add), and {@code 1e999999999} overflows into an ArithmeticException; a value outside the range
 * is not a number S3 Select can hold.
 */
final class SelectNumbers {

    /** Largest |scale| kept: decimal128's exponent range (emax 6144) plus its 34 digits. */
    static final int MAX_SCALE = 6176;

    /** Longest text read as a number (Jackson's default limit for JSON numbers). */
    static final int MAX_LENGTH = 1000;

    private SelectNumbers() {
    }

    /** The number {@code s} spells, rounded to 34 digits; null when it is not one or is out of range. */
    static BigDecimal parse(String s) {
        if (s.length() > MAX_LENGTH) {
            return null; // parsing a megabyte of digits costs seconds per row, for a value rounded to 34 digits
        }
        try {
            return bounded(new BigDecimal(s.strip(), MathContext.DECIMAL128));
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** {@code n}, or null when its exponent is beyond decimal128's range. */
    static BigDecimal bounded(BigDecimal n) {
        return n == null || Math.abs((long) n.scale()) > MAX_SCALE ? null : n;
    }

    /** A computed value, refused when it leaves the range (as S3 Select refuses an overflowing result). */
    static BigDecimal checked(BigDecimal n) {
        if (bounded(n) == null) {
            throw new SelectException("InvalidDataType", "The number is outside the range S3 Select supports.");
        }
        return n;
    }

    /** {@code n} as an int, clamped (a SUBSTRING position of 1e30 is simply past the end). */
    static int clampedInt(BigDecimal n) {
        if (n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            return Integer.MAX_VALUE;
        }
        if (n.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            return Integer.MIN_VALUE;
        }
        return n.intValue();
    }
}

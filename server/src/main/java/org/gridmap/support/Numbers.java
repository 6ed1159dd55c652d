package org.gridmap.support;

import java.util.regex.Pattern;

/**
 * Numbers as people write them: digits with an optional sign, decimal point and exponent. Java's own syntax beyond
 * that — hexadecimal floats ({@code 0x1.ebap6}), type suffixes ({@code 122.8d}), {@code NaN}, {@code Infinity} — is not
 * a coordinate anyone typed, so it is refused rather than quietly turned into one.
 */
public final class Numbers {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");

    private Numbers() {}

    /** The number {@code text} writes, finite; a NumberFormatException for anything else. */
    public static double decimal(String text) {
        String t = text == null ? "" : text.strip();
        if (!DECIMAL.matcher(t).matches()) {
            throw new NumberFormatException("not a decimal number");
        }
        double d = Double.parseDouble(t);
        if (!Double.isFinite(d)) {
            throw new NumberFormatException("not a finite number");
        }
        return d;
    }
}

package org.gridmap.support;

import java.util.regex.Pattern;

/**
 * Numbers as people write them: digits with an optional sign, decimal point and exponent. Java's own syntax beyond
 * that — hexadecimal floats ({@code 0x1.ebap6}), type suffixes ({@code 122.8d}), {@code NaN}, {@code Infinity} — is not
 * a coordinate anyone typed, so it is refused rather than quietly turned into one.
 */
public final class Numbers {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");

    private static final Pattern COUNT = Pattern.compile("0|[1-9][0-9]{0,8}");

    private Numbers() {}

    /**
     * A whole number written the one way (ASCII digits, no sign, no leading zero), so one tile or page has one URL;
     * Java's parseInt would also take "+5", "005" and other scripts' digits ("١٤").
     */
    public static int count(String text) {
        if (text == null || !COUNT.matcher(text).matches()) {
            throw new NumberFormatException("not a whole number in plain digits");
        }
        return Integer.parseInt(text);
    }

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

package org.gridmap.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One field of an import kind: its name, type and rule. {@link #parse} turns a raw attribute (text from CSV or
 * DBF, a number or boolean from GeoJSON or GeoPackage) into the typed value, or throws {@link Invalid} with a
 * message naming the rule.
 */
public final class Field {
    public enum Type { TEXT, INT, DECIMAL, BOOL, DATE, ENUM }

    /** A value that breaks the field's rule; {@code rule} is a short machine name, the message says it in words. */
    public static final class Invalid extends Exception {
        final String rule;

        Invalid(String rule, String message) {
            super(message, null, false, false);
            this.rule = rule;
        }
    }

    private final String name;
    private final Type type;
    private boolean required;
    private Pattern pattern;
    private String patternHint;
    private Double min;
    private Double max;
    private int maxLength = 1000;
    private Map<String, String> values;
    private boolean idNumber;

    private Field(String name, Type type) {
        this.name = name;
        this.type = type;
    }

    static Field text(String name) {
        return new Field(name, Type.TEXT);
    }

    static Field integer(String name) {
        return new Field(name, Type.INT);
    }

    static Field decimal(String name) {
        return new Field(name, Type.DECIMAL);
    }

    static Field bool(String name) {
        return new Field(name, Type.BOOL);
    }

    static Field date(String name) {
        return new Field(name, Type.DATE);
    }

    static Field oneOf(String name, Map<String, String> values) {
        Field f = new Field(name, Type.ENUM);
        f.values = values;
        return f;
    }

    Field required() {
        this.required = true;
        return this;
    }

    Field pattern(String regex, String hint) {
        this.pattern = Pattern.compile(regex);
        this.patternHint = hint;
        return this;
    }

    Field range(double min, double max) {
        this.min = min;
        this.max = max;
        return this;
    }

    Field maxLength(int n) {
        this.maxLength = n;
        return this;
    }

    Field idNumber() {
        this.idNumber = true;
        return this;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public boolean isRequired() {
        return required;
    }

    /** A short description of the rule, for templates and docs. */
    public String describe() {
        StringBuilder b = new StringBuilder(type.name().toLowerCase(Locale.ROOT));
        if (required) {
            b.append(", required");
        }
        if (min != null) {
            b.append(", ").append(fmt(min)).append('–').append(fmt(max));
        }
        if (patternHint != null) {
            b.append(", ").append(patternHint);
        }
        if (values != null) {
            b.append(", one of ").append(String.join("/", new java.util.TreeSet<>(values.keySet())));
        }
        if (idNumber) {
            b.append(", 18-character 居民身份证号码 with a valid check digit (GB 11643)");
        }
        return b.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** @return the typed value, or null when absent and not required */
    Object parse(Object raw) throws Invalid {
        String s = raw == null ? null : raw.toString().strip();
        if (s == null || s.isEmpty()) {
            if (required) {
                throw new Invalid("required", "is required");
            }
            return null;
        }
        if (s.length() > maxLength) {
            throw new Invalid("max_length", "is longer than " + maxLength + " characters");
        }
        return switch (type) {
            case TEXT -> textValue(s);
            case INT -> checkRange(integerValue(raw, s));
            case DECIMAL -> checkRange(decimalValue(s));
            case BOOL -> boolValue(raw, s);
            case DATE -> dateValue(s);
            case ENUM -> enumValue(s);
        };
    }

    private String textValue(String s) throws Invalid {
        if (s.indexOf('\uFFFD') >= 0) {
            throw new Invalid("encoding", "contains U+FFFD replacement characters: the text was decoded with the "
                    + "wrong encoding");
        }
        if (pattern != null && !pattern.matcher(s).matches()) {
            throw new Invalid("pattern", "'" + s + "' is not " + patternHint);
        }
        if (idNumber) {
            checkIdNumber(s);
        }
        return s;
    }

    private static long integerValue(Object raw, String s) throws Invalid {
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw new Invalid("integer", "'" + s + "' is not a whole number");
            }
            return (long) d;
        }
        try {
            BigDecimal d = new BigDecimal(s);
            return d.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Invalid("integer", "'" + s + "' is not a whole number");
        }
    }

    private static BigDecimal decimalValue(String s) throws Invalid {
        try {
            BigDecimal d = new BigDecimal(s);
            if (d.scale() > 6) {
                d = d.setScale(6, java.math.RoundingMode.HALF_UP);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new Invalid("number", "'" + s + "' is not a number (use a dot as the decimal separator)");
        }
    }

    private <T extends Number> T checkRange(T v) throws Invalid {
        if (min != null && (v.doubleValue() < min || v.doubleValue() > max)) {
            throw new Invalid("range", v + " is outside " + fmt(min) + "–" + fmt(max));
        }
        return v;
    }

    private static Boolean boolValue(Object raw, String s) throws Invalid {
        if (raw instanceof Boolean b) {
            return b;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "1", "是", "有", "√" -> Boolean.TRUE;
            case "false", "f", "no", "n", "0", "否", "无", "×" -> Boolean.FALSE;
            default -> throw new Invalid("boolean", "'" + s + "' is not a yes/no value (是/否, true/false, 1/0)");
        };
    }

    private static LocalDate dateValue(String s) throws Invalid {
        try {
            return LocalDate.parse(s.replace('/', '-').replace('.', '-'));
        } catch (DateTimeParseException e) {
            throw new Invalid("date", "'" + s + "' is not a date (YYYY-MM-DD)");
        }
    }

    private String enumValue(String s) throws Invalid {
        String v = values.get(s);
        if (v == null) {
            v = values.get(s.toUpperCase(Locale.ROOT));
        }
        if (v == null) {
            throw new Invalid("one_of", "'" + s + "' is not one of " + String.join(", ",
                    new java.util.TreeSet<>(values.keySet())));
        }
        return v;
    }

    /** GB 11643-1999: 17 digits and a check character (0–9 or X) computed with ISO 7064 MOD 11-2. */
    static void checkIdNumber(String s) throws Invalid {
        if (!s.matches("\\d{17}[\\dXx]")) {
            throw new Invalid("id_number", "is not an 18-character 居民身份证号码");
        }
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (s.charAt(k) - '0') * w[k];
        }
        char expected = "10X98765432".charAt(sum % 11);
        if (Character.toUpperCase(s.charAt(17)) != expected) {
            throw new Invalid("id_number", "check digit is wrong (GB 11643): a typing error in the ID number");
        }
    }
}

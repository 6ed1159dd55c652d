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
    /** A GeoJSON property that is an object or an array: no field takes one (ignored columns may hold them). */
    record Nested(String kind) {}

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
    private boolean identifier;
    private boolean notInFuture;

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

    /** An identifier: visible characters only (no spaces, line breaks or control characters). */
    Field identifier() {
        this.identifier = true;
        return this;
    }

    /** A date that cannot lie in the future (a flood that happened). */
    Field notInFuture() {
        this.notInFuture = true;
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
            b.append(", 18-character 居民身份证号码 with a valid region, birth date and check digit (GB 11643)");
        }
        if (identifier) {
            b.append(", visible characters only (no spaces or line breaks)");
        }
        if (notInFuture) {
            b.append(", not in the future");
        }
        return b.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** @return the typed value, or null when absent and not required */
    Object parse(Object raw) throws Invalid {
        if (raw instanceof Nested n) {
            throw new Invalid("not_a_value", "is a JSON " + n.kind() + ", not a text, number or true/false");
        }
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
        String bad = org.gridmap.support.Texts.problem(s, false);
        if (bad != null) {
            throw new Invalid("control_character", bad);
        }
        if (identifier && !s.codePoints().allMatch(cp -> cp > 0x20 && !Character.isWhitespace(cp)
                && !Character.isSpaceChar(cp))) {
            throw new Invalid("identifier", "'" + org.gridmap.support.Texts.excerpt(s, 40) + "' holds spaces or "
                    + "line breaks; an identifier is visible characters only");
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

    private LocalDate dateValue(String s) throws Invalid {
        LocalDate d;
        try {
            d = LocalDate.parse(s.replace('/', '-').replace('.', '-'));
        } catch (DateTimeParseException e) {
            throw new Invalid("date", "'" + org.gridmap.support.Texts.excerpt(s, 40) + "' is not a date (YYYY-MM-DD)");
        }
        if (d.getYear() < 1900) {
            throw new Invalid("range", d + " is before 1900");
        }
        if (notInFuture && d.isAfter(LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")))) {
            throw new Invalid("range", d + " is in the future");
        }
        return d;
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

    /** Province-level codes of GB/T 2260 (the first two digits of a 居民身份证号码). */
    private static final java.util.Set<String> PROVINCES = java.util.Set.of("11", "12", "13", "14", "15", "21", "22",
            "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53",
            "54", "61", "62", "63", "64", "65", "71", "81", "82", "83", "91");

    /** The birth date in an 18-character ID number (digits 7–14), or null when it is not a real date. */
    static LocalDate birthDate(String id) {
        if (id == null || id.length() != 18) {
            return null;
        }
        try {
            return LocalDate.parse(id.substring(6, 14), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * GB 11643-1999: a province code (GB/T 2260), a real birth date between 1900 and today, 3 sequence digits and a
     * check character (0–9 or X) computed with ISO 7064 MOD 11-2.
     */
    static void checkIdNumber(String s) throws Invalid {
        if (!s.matches("\\d{17}[\\dXx]")) {
            throw new Invalid("id_number", "is not an 18-character 居民身份证号码");
        }
        if (!PROVINCES.contains(s.substring(0, 2))) {
            throw new Invalid("id_number", "does not start with a province code (GB/T 2260)");
        }
        LocalDate birth = birthDate(s);
        if (birth == null) {
            throw new Invalid("id_number", "holds a birth date (digits 7–14) that does not exist");
        }
        if (birth.getYear() < 1900 || birth.isAfter(LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")))) {
            throw new Invalid("id_number", "holds a birth date before 1900 or in the future");
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

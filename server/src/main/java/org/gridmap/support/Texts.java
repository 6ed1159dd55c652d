package org.gridmap.support;

/**
 * Text that crosses a trust boundary. {@link #check} refuses, at the entry point, what typed text must not hold
 * (NUL and other control characters, U+FFFD left by a wrong decoding, lone surrogates, bidirectional overrides that
 * make text read differently from what it is); {@link #excerpt} makes any text safe to put in a log line, an audit
 * entry or a problem detail (control characters shown as backslash-u escapes, bounded length). PostgreSQL cannot store
 * NUL in text, so a NUL that got this far would otherwise end in a 500.
 */
public final class Texts {
    private Texts() {}

    /** What is wrong with {@code s} as user text, or null when nothing is. */
    public static String problem(String s, boolean multiline) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return "contains a NUL character (\\u0000)";
            }
            if (c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t')) || c >= 0x7f && c < 0xa0) {
                return String.format("contains the control character \\u%04x", (int) c);
            }
            if (c == '\uFFFD') {
                return "contains U+FFFD replacement characters: the text was sent in another encoding than "
                        + "UTF-8 (percent-escapes and bodies must be UTF-8)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains a broken UTF-16 surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains a broken UTF-16 surrogate";
            }
            if (c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069') {
                return String.format("contains the bidirectional control U+%04X", (int) c);
            }
        }
        // invisible text (zero-width spaces, joiners, BOMs: format characters, with or without spaces) would pass a
        // length check and say nothing, e.g. as the reason of an audited reveal
        // (also: no-break and other spaces, marks with nothing to mark, variation selectors, Hangul fillers, the
        // blank Braille pattern — all of which look like nothing)
        boolean invisible = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean blank = type == Character.FORMAT || type == Character.NON_SPACING_MARK
                    || type == Character.ENCLOSING_MARK || cp == 0x3164 || cp == 0x2800 || cp == 0x115F
                    || cp == 0x1160 || cp == 0xFFA0 || (cp >= 0xFE00 && cp <= 0xFE0F);
            if (blank || (Character.isSpaceChar(cp) && cp != ' ')) {
                invisible = true;
            } else if (!Character.isWhitespace(cp)) {
                return null;
            }
        }
        return invisible ? "has no visible characters (only invisible ones such as zero-width or no-break spaces)"
                : null;
    }

    /** Refuses text that {@link #problem} finds fault with: 400 naming the parameter. */
    public static String check(String parameter, String s, boolean multiline) {
        String p = problem(s, multiline);
        if (p != null) {
            throw ProblemException.invalidParameter(parameter, p);
        }
        return s;
    }

    /**
     * {@code s} shortened to {@code max} characters (with "…") and with control and format characters written as
     * backslash-u escapes, so that it can go into a log, an audit entry, a job message or a problem detail as it is.
     */
    public static String excerpt(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f && c < 0xa0 || c == '\uFFFD' || Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))
                    || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= max && s.length() > max) {
            b.setLength(max);
            b.append('…');
        }
        return b.toString();
    }

    /**
     * A copy of a value (strings, maps, lists, nested) that PostgreSQL can store as text or jsonb: NUL characters
     * are written as the six characters backslash, u, 0, 0, 0, 0. Everything else is kept.
     */
    public static Object storable(Object v) {
        if (v instanceof String s) {
            return s.indexOf('\0') < 0 ? s : s.replace("\0", "\\u0000");
        }
        if (v instanceof java.util.Map<?, ?> m) {
            java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, x) -> out.put(storable(k), storable(x)));
            return out;
        }
        if (v instanceof java.util.Collection<?> c) {
            java.util.List<Object> out = new java.util.ArrayList<>(c.size());
            c.forEach(x -> out.add(storable(x)));
            return out;
        }
        return v;
    }

    /**
     * A library's message without its internals: Java class names, configuration hints such as "enable
     * `JsonReadFeature.X` to allow", source excerpts. For problem details, which must not name Java classes.
     */
    public static String withoutInternals(String m) {
        if (m == null) {
            return null;
        }
        String s = m.replaceAll(":? ?\\(?(?:enable|set) `[^`]*`(?: to allow)?\\)?", "");
        s = s.replaceAll("\\b(?:java|javax|jakarta|org|com|io|mil|reactor)\\.[\\w.$]+(?:Exception|Error)\\b:? ?", "");
        s = s.replaceAll("\\b(?:java|javax|jakarta|org|com|io|mil)\\.[a-z][\\w]*\\.[\\w.$]+", "a value");
        s = s.replaceAll("\\[Source: [^\\]]*\\]", "");
        s = s.replaceAll("\\s*\\((?:start marker at|from '[^']*')\\s*\\)", "");
        s = s.replaceAll("'?\\b[A-Z]\\w*\\.get\\w*\\(\\)'?", "a limit");
        s = s.replaceAll("`([^`]*)`", "'$1'");
        return s.replaceAll("\\s+", " ").strip();
    }
}

package org.gridmap.security;

/**
 * Masks personal data for display (PIPL): phones as 138****1234, ID numbers as 110101********1234, names as 王*华.
 * Clear values leave the server only through an audited reveal.
 *
 * <p>{@link #text} is the one masker for free text (ticket descriptions and addresses, notes): it finds phone and
 * ID numbers in every form people type them — with spaces or hyphens between groups ({@code 139 1234 5678},
 * {@code 139-1234-5678}), with a country prefix ({@code +86}, {@code 0086}, {@code 86}), in full-width digits
 * ({@code １３９１２３４５６７８}), landlines with area codes ({@code 0436-1234567}), 18- and 15-digit 居民身份证号码 —
 * and any other run of 11 or more digits (bank cards, account numbers). Dates, ticket numbers (2026-000123),
 * house numbers and the hotline numbers (12345, 3650000) are left as they are.
 */
public final class Masking {
    private Masking() {}

    public static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return phone;
        }
        String p = phone.strip();
        if (p.length() < 7) {
            return "*".repeat(p.length());
        }
        return p.substring(0, 3) + "****" + p.substring(p.length() - 4);
    }

    public static String idNumber(String id) {
        if (id == null || id.isBlank()) {
            return id;
        }
        String s = id.strip();
        if (s.length() < 10) {
            return "*".repeat(s.length());
        }
        return s.substring(0, 6) + "*".repeat(s.length() - 10) + s.substring(s.length() - 4);
    }

    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        int[] cps = name.strip().codePoints().toArray();
        if (cps.length == 1) {
            return "*";
        }
        StringBuilder b = new StringBuilder().appendCodePoint(cps[0]);
        if (cps.length == 2) {
            return b.append('*').toString();
        }
        b.append("*".repeat(cps.length - 2));
        return b.appendCodePoint(cps[cps.length - 1]).toString();
    }

    /** Free text with every phone and ID number in it masked (see the class comment); null stays null. */
    public static String text(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char ch = s.charAt(i);
            boolean plus = (ch == '+' || ch == '＋') && i + 1 < n && digit(s.charAt(i + 1)) >= 0;
            if (digit(ch) < 0 && !plus) {
                out.append(ch);
                i++;
                continue;
            }
            // A run of digits with single separators between them (and an optional leading + and trailing X).
            int start = i;
            StringBuilder digits = new StringBuilder();
            int j = plus ? i + 1 : i;
            int end = j;
            while (j < n) {
                int d = digit(s.charAt(j));
                if (d >= 0) {
                    digits.append((char) ('0' + d));
                    j++;
                    end = j;
                } else if (!digits.isEmpty() && separator(s.charAt(j))) {
                    // up to three separators between digits ("139 - 1234", "(0436)1234567", zero-width spaces)
                    int k = j;
                    while (k < n && k - j < 3 && separator(s.charAt(k))) {
                        k++;
                    }
                    if (k < n && digit(s.charAt(k)) >= 0) {
                        j = k;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            boolean checkX = end < n && (s.charAt(end) == 'X' || s.charAt(end) == 'x' || s.charAt(end) == 'Ｘ')
                    && digits.length() == 17 && (end + 1 >= n || !Character.isLetterOrDigit(s.charAt(end + 1)));
            if (checkX) {
                digits.append(s.charAt(end) == 'x' ? 'x' : 'X');
                end++;
            }
            String masked = maskNumber(digits.toString(), plus);
            if (masked == null) {
                out.append(s, start, end);
            } else {
                out.append(masked);
            }
            i = end;
        }
        return out.toString();
    }

    /** The masked form of a number found in text, or null when it is not personal (a date, a ticket number…). */
    static String maskNumber(String digits, boolean plus) {
        String d = digits;
        int cut = d.startsWith("0086") ? 4 : d.startsWith("86") ? 2 : 0;
        if (cut > 0) {
            String rest = d.substring(cut);
            boolean restMobile = rest.length() == 11 && rest.charAt(0) == '1' && rest.charAt(1) >= '3';
            boolean restLandline = (plus || cut == 4) && rest.length() >= 9 && rest.length() <= 11;
            if (restMobile || restLandline) {
                return (plus ? "+" : "") + d.substring(0, cut) + phone(rest);
            }
        }
        boolean mobile = d.length() == 11 && d.charAt(0) == '1' && d.charAt(1) >= '3';
        boolean landline = d.charAt(0) == '0' && d.length() >= 10 && d.length() <= 12;
        boolean id18 = d.length() == 18 && d.substring(0, 17).chars().allMatch(Character::isDigit);
        boolean checkLetter = d.endsWith("X") || d.endsWith("x");
        boolean id15 = d.length() == 15;
        if (mobile || landline) {
            return phone(d);
        }
        if (id18 || id15) {
            return idNumber(d);
        }
        if (d.length() >= 11 && !checkLetter) {
            return d.substring(0, 3) + "*".repeat(d.length() - 7) + d.substring(d.length() - 4);
        }
        return null;
    }

    private static final String CHINESE_DIGITS = "〇一二三四五六七八九";

    /** 0–9 for ASCII, full-width and Chinese digits (〇/零 一 … 九, as a number read out is written), else -1. */
    static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= '０' && c <= '９') {
            return c - '０';
        }
        if (c == '零') {
            return 0;
        }
        return CHINESE_DIGITS.indexOf(c);
    }

    /** What people put between the digits of a phone number: spaces, dashes, dots, brackets, invisible spaces. */
    private static boolean separator(char c) {
        return c == ' ' || c == '-' || c == '\u00a0' || c == '\u3000' || c == '－' || c == '—' || c == '‐' || c == '–'
                || c == '.' || c == '·' || c == '．' || c == '(' || c == ')' || c == '（' || c == '）' || c == '/'
                || c == '\u200b' || c == '\u200c' || c == '\u200d' || c == '\u2060' || c == '\ufeff';
    }
}

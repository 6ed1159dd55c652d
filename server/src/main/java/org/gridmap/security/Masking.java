package org.gridmap.security;

/**
 * Masks personal data for display (PIPL): phones as 138****1234, ID numbers as 220802********1234, names as 王*华.
 * Clear values leave the server only through an audited reveal.
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
}

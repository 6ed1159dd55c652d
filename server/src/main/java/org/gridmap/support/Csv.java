package org.gridmap.support;

/**
 * CSV cells for spreadsheets (RFC 4180 quoting) with formula injection neutralised: a cell starting with
 * {@code = + - @}, tab or carriage return is prefixed with an apostrophe so Excel and WPS show it as text.
 * Also JSON string literals for hand-built JSON.
 */
public final class Csv {
    private Csv() {}

    public static void row(StringBuilder b, String... cells) {
        for (int k = 0; k < cells.length; k++) {
            if (k > 0) {
                b.append(',');
            }
            b.append(cell(cells[k]));
        }
        b.append("\r\n");
    }

    public static String cell(String v) {
        if (v == null) {
            return "";
        }
        String s = v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.matches("-?\\d+(\\.\\d+)?")) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    public static String jsonString(String v) {
        if (v == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

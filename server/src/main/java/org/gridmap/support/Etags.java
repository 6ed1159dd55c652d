package org.gridmap.support;

/** Conditional requests (RFC 9110 §13.1.2): If-None-Match compares entity tags weakly and may list several or "*". */
public final class Etags {
    private Etags() {}

    /** Whether an If-None-Match header names this entity tag (weak comparison; a list; "*" matches any). */
    public static boolean noneMatchHits(String header, String etag) {
        if (header == null || etag == null) {
            return false;
        }
        String h = header.strip();
        if (h.equals("*")) {
            return true;
        }
        String mine = opaque(etag);
        for (String part : h.split(",")) {
            if (opaque(part.strip()).equals(mine)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}

package org.gridmap.support;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/**
 * Errors on the Open311 GeoReport v2 routes ({@code /open311/...}) in the specification's own format instead of
 * problem+json: {@code [{"code":400,"description":"…"}]}, or {@code <errors><error>…</error></errors>} for .xml.
 */
public final class Open311Error {
    private Open311Error() {}

    public static boolean applies(String path) {
        return path != null && path.startsWith("/open311/");
    }

    public static boolean xml(String path) {
        return path != null && path.endsWith(".xml");
    }

    public static MutableHttpResponse<String> response(String path, HttpStatus status, String description) {
        String d = description == null || description.isBlank() ? status.getReason() : description;
        if (xml(path)) {
            return HttpResponse.<String>status(status).contentType(MediaType.of("text/xml; charset=utf-8"))
                    .body("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<errors><error><code>" + status.getCode()
                            + "</code><description>" + escape(d) + "</description></error></errors>\n");
        }
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body("[{\"code\":" + status.getCode() + ",\"description\":" + Csv.jsonString(d) + "}]");
    }

    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }
}

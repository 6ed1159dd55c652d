package org.gridmap.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;


/**
 * Headers every response carries, so that even a script that got into a page could not run or leak: a strict
 * Content-Security-Policy (scripts, styles and connections from this origin only, no inline script, no framing),
 * {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: same-origin}, and {@code X-Frame-Options: DENY}
 * for old browsers. Images may also come from the configured basemap's origin.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SecurityHeaders implements io.micronaut.core.order.Ordered {
    /** Before (around) the security filter, so that its refusals (401) carry the headers too. */
    @Override
    public int getOrder() {
        return io.micronaut.http.filter.ServerFilterPhase.FIRST.order();
    }

    private final String csp;

    SecurityHeaders(org.gridmap.layer.MapConfig map) {
        String tiles = origin(map.basemapUrl());
        this.csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:"
                + (tiles.isEmpty() ? "" : " " + tiles) + "; connect-src 'self'; font-src 'self'; object-src 'none'; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /** The scheme://host[:port] of a tile URL template, or "" when there is none (or it is not http/https). */
    static String origin(String template) {
        if (template == null || template.isBlank()) {
            return "";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(?i)(https?)://([^/?#]+)").matcher(template.strip());
        if (!m.find()) {
            return "";
        }
        StringBuilder host = new StringBuilder();
        for (String label : m.group(2).split("\\.", -1)) {
            if (!host.isEmpty()) {
                host.append('.');
            }
            host.append(label.contains("{") ? "*" : label);   // t{s}.tianditu.gov.cn → *.tianditu.gov.cn
        }
        String h = host.toString();
        return h.matches("[A-Za-z0-9*.:\\[\\]-]+") ? m.group(1).toLowerCase(java.util.Locale.ROOT) + "://" + h : "";
    }

    String policy() {
        return csp;
    }

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var h = response.getHeaders();
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "same-origin");
        h.set("X-Frame-Options", "DENY");
        h.set("Content-Security-Policy", csp);
    }
}

package org.gridmap.layer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import org.gridmap.support.PublicUrl;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.gridmap.layer.OgcApi.*;

/**
 * OGC API – Features – Part 1: Core, with GeoJSON, HTML and OpenAPI 3.0 (17-069r4), over the public layers of the
 * catalogue: {@code /ogc}, {@code /ogc/conformance}, {@code /ogc/api}, {@code /ogc/collections},
 * {@code /ogc/collections/{id}}, {@code /ogc/collections/{id}/items}, {@code /ogc/collections/{id}/items/{fid}}.
 */
@Controller("/ogc")
@io.micronaut.http.annotation.Produces({OgcApi.JSON, OgcApi.GEOJSON, OgcApi.HTML, OgcApi.OPENAPI_BASE})
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
class OgcController {
    private static final Set<String> STANDARD_PARAMS = Set.of("f", "limit", "bbox", "datetime", "offset", "bbox-crs");

    private final LayerCatalog catalog;
    private final LayerRepository features;
    private final JsonMapper json;
    private final PublicUrl publicUrl;
    private final org.gridmap.support.Deployment deployment;

    OgcController(LayerCatalog catalog, LayerRepository features, JsonMapper json, PublicUrl publicUrl,
                  org.gridmap.support.Deployment deployment) {
        this.deployment = deployment;
        this.publicUrl = publicUrl;
        this.catalog = catalog;
        this.features = features;
        this.json = json;
    }

    // ------------------------------------------------------------------------------------------ landing, conformance

    @Get
    HttpResponse<?> landing(HttpRequest<?> req) {
        String b = base(req);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "gridmap 网格地图 — OGC API – Features");
        String district = deployment.district().name();
        m.put("description", (district == null ? "" : district + ": ") + "grids, areas, flood zones, shelters and "
                + "rivers (EPSG:4326 / CRS84)");
        m.put("links", List.of(
                link(b + "/ogc?f=json", REL_SELF, JSON, "this document"),
                link(b + "/ogc?f=html", REL_ALTERNATE, HTML, "this document as HTML"),
                link(b + "/ogc/api", REL_SERVICE_DESC, OPENAPI, "the API definition"),
                link(b + "/ogc/api?f=html", REL_SERVICE_DOC, HTML, "the API documentation"),
                link(b + "/ogc/conformance", REL_CONFORMANCE, JSON, "conformance classes"),
                link(b + "/ogc/collections", REL_DATA, JSON, "the feature collections")));
        return respond(req, m, JSON, "gridmap OGC API – Features");
    }

    @Get("/conformance")
    HttpResponse<?> conformance(HttpRequest<?> req) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("conformsTo", List.of(CONF_CORE, CONF_OAS30, CONF_HTML, CONF_GEOJSON));
        return respond(req, m, JSON, "Conformance");
    }

    @Get("/api")
    HttpResponse<?> api(HttpRequest<?> req) {
        Map<String, Object> doc = OgcOpenApi.document(base(req), catalog.all().stream()
                .filter(Layer::isFeatureCollection).toList());
        if (wantsHtml(req)) {
            return html("API", "<pre>" + escape(write(doc)) + "</pre>");
        }
        return HttpResponse.ok(write(doc)).contentType(MediaType.of(OPENAPI));
    }

    // ------------------------------------------------------------------------------------------ collections

    @Get("/collections")
    HttpResponse<?> collections(HttpRequest<?> req) {
        String b = base(req);
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Layer l : catalog.all()) {
            if (l.isFeatureCollection()) {
                cs.add(collection(b, l));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("links", List.of(link(b + "/ogc/collections?f=json", REL_SELF, JSON, "this document"),
                link(b + "/ogc/collections?f=html", REL_ALTERNATE, HTML, "this document as HTML")));
        m.put("collections", cs);
        return respond(req, m, JSON, "Collections");
    }

    @Get("/collections/{collectionId}")
    HttpResponse<?> collection(@PathVariable String collectionId, HttpRequest<?> req) {
        return respond(req, collection(base(req), layer(collectionId)), JSON, collectionId);
    }

    private Map<String, Object> collection(String b, Layer l) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", l.id());
        c.put("title", l.titleZh() + " / " + l.titleEn());
        c.put("description", l.titleEn());
        String self = b + "/ogc/collections/" + l.id();
        c.put("links", List.of(link(self + "?f=json", REL_SELF, JSON, "this collection"),
                link(self + "?f=html", REL_ALTERNATE, HTML, "this collection as HTML"),
                link(self + "/items?f=json", REL_ITEMS, GEOJSON, "the features"),
                link(self + "/items?f=html", REL_ITEMS, HTML, "the features as HTML")));
        double[] e = features.extent(l).orElseGet(() -> deployment.district().extent());
        c.put("extent", Map.of("spatial", Map.of("bbox", List.of(List.of(e[0], e[1], e[2], e[3])), "crs", CRS84)));
        c.put("itemType", "feature");
        c.put("crs", List.of(CRS84));
        return c;
    }

    // ------------------------------------------------------------------------------------------ items

    @Get("/collections/{collectionId}/items")
    HttpResponse<?> items(@PathVariable String collectionId, HttpRequest<?> req) {
        Layer l = layer(collectionId);
        Map<String, String> q = new LinkedHashMap<>();
        req.getParameters().forEach((k, v) -> q.put(k, v.isEmpty() ? "" : v.get(0)));
        for (String k : q.keySet()) {
            if (!STANDARD_PARAMS.contains(k) && !l.properties().containsKey(k)) {
                throw ProblemException.invalidParameter(k, "is not a parameter of this collection; use limit, bbox, "
                        + "datetime, offset or one of the properties " + l.properties().keySet());
            }
        }
        int limit = DEFAULT_LIMIT;
        if (q.containsKey("limit")) {
            try {
                limit = org.gridmap.support.Numbers.count(q.get("limit"));
            } catch (NumberFormatException e) {
                throw ProblemException.invalidParameter("limit", "must be an integer between 1 and 10000");
            }
            if (limit < 1 || limit > 10000) {
                throw ProblemException.invalidParameter("limit", "must be between 1 and 10000");
            }
            limit = Math.min(limit, MAX_LIMIT);
        }
        int offset = 0;
        if (q.containsKey("offset")) {
            try {
                offset = org.gridmap.support.Numbers.count(q.get("offset"));
            } catch (NumberFormatException e) {
                offset = -1;
            }
            if (offset < 0) {
                throw ProblemException.invalidParameter("offset", "must be a non-negative integer");
            }
        }
        double[] bbox = q.containsKey("bbox") ? bbox(q.get("bbox")) : null;
        if (q.containsKey("bbox-crs") && !q.get("bbox-crs").equals(CRS84)) {
            throw ProblemException.invalidParameter("bbox-crs", "only " + CRS84 + " is supported");
        }
        if (q.containsKey("datetime")) {
            datetime(q.get("datetime"));
        }
        Map<String, String> equals = new LinkedHashMap<>();
        for (String p : l.properties().keySet()) {
            if (q.containsKey(p)) {
                equals.put(p, q.get(p));
            }
        }
        LayerRepository.Page page = features.page(l, bbox, equals, limit, offset);
        List<String> items = page.rows().stream().map(OgcController::feature).toList();
        long matched = page.matched();
        String b = base(req);
        String self = b + "/ogc/collections/" + l.id() + "/items";
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(link(self + query(q, null, null, "json"), REL_SELF, GEOJSON, "this document"));
        links.add(link(self + query(q, null, null, "html"), REL_ALTERNATE, HTML, "this document as HTML"));
        if (offset + items.size() < matched) {
            links.add(link(self + query(q, offset + limit, limit, "json"), REL_NEXT, GEOJSON, "next page"));
        }
        if (offset > 0) {
            links.add(link(self + query(q, Math.max(0, offset - limit), limit, "json"), REL_PREV, GEOJSON, "previous page"));
        }
        links.add(link(b + "/ogc/collections/" + l.id(), REL_COLLECTION, JSON, "the collection"));
        StringBuilder body = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        body.append(String.join(",", items)).append("],\"links\":").append(write(links))
                .append(",\"timeStamp\":\"").append(Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"))
                .append("\",\"numberMatched\":").append(matched).append(",\"numberReturned\":")
                .append(items.size()).append('}');
        if (wantsHtml(req)) {
            return html(l.titleZh() + " — items", "<p>" + items.size() + " of " + matched + " features</p><pre>"
                    + escape(body.toString()) + "</pre>");
        }
        return HttpResponse.ok(body.toString()).contentType(MediaType.of(GEOJSON));
    }

    @Get("/collections/{collectionId}/items/{featureId}")
    HttpResponse<?> item(@PathVariable String collectionId, @PathVariable String featureId, HttpRequest<?> req) {
        Layer l = layer(collectionId);
        LayerRepository.Row row = features.one(l, featureId);
        String f = row == null ? null : feature(row);
        if (f == null) {
            throw ProblemException.notFound("feature", collectionId + "/" + featureId);
        }
        String b = base(req) + "/ogc/collections/" + l.id();
        String links = write(List.of(
                link(b + "/items/" + enc(featureId) + "?f=json", REL_SELF, GEOJSON, "this feature"),
                link(b + "/items/" + enc(featureId) + "?f=html", REL_ALTERNATE, HTML, "this feature as HTML"),
                link(b, REL_COLLECTION, JSON, "the collection")));
        String body = f.substring(0, f.length() - 1) + ",\"links\":" + links + "}";
        if (wantsHtml(req)) {
            return html(featureId, "<pre>" + escape(body) + "</pre>");
        }
        return HttpResponse.ok(body).contentType(MediaType.of(GEOJSON));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private Layer layer(String id) {
        return catalog.find(id).filter(Layer::isFeatureCollection)
                .orElseThrow(() -> ProblemException.notFound("collection", id));
    }

    private static String feature(LayerRepository.Row r) {
        return "{\"type\":\"Feature\",\"id\":" + org.gridmap.support.Csv.jsonString(r.id()) + ",\"geometry\":"
                + (r.geometryJson() == null ? "null" : r.geometryJson()) + ",\"properties\":" + r.propertiesJson() + "}";
    }

    static double[] bbox(String s) {
        String[] p = s.split(",");
        if (p.length != 4 && p.length != 6) {
            throw ProblemException.invalidParameter("bbox", "must be 4 (or 6) comma-separated numbers: minLon,minLat,"
                    + "maxLon,maxLat");
        }
        double[] v = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            try {
                v[k] = org.gridmap.support.Numbers.decimal(p[k]);
            } catch (NumberFormatException e) {
                throw ProblemException.invalidParameter("bbox", "'" + p[k] + "' is not a number");
            }
            if (!Double.isFinite(v[k])) {
                throw ProblemException.invalidParameter("bbox", "must be finite numbers");
            }
        }
        double[] b = p.length == 4 ? v : new double[] {v[0], v[1], v[3], v[4]};
        if (b[1] > b[3] || b[1] < -90 || b[3] > 90 || b[0] < -180 || b[2] > 180) {
            throw ProblemException.invalidParameter("bbox", "must be minLon,minLat,maxLon,maxLat in CRS84");
        }
        return b;
    }

    static void datetime(String s) {
        if (s.isBlank()) {
            throw ProblemException.invalidParameter("datetime", "is empty: give an RFC 3339 date-time or an interval "
                    + "(e.g. 2026-07-01T00:00:00Z/..), or leave the parameter out");
        }
        String[] parts = s.split("/", -1);
        if (parts.length == 2 && (parts[0].isEmpty() || parts[0].equals("..")) && (parts[1].isEmpty()
                || parts[1].equals(".."))) {
            throw ProblemException.invalidParameter("datetime", "an interval needs at least one end");
        }
        if (parts.length > 2 || parts.length == 1 && parts[0].equals("..")) {
            throw ProblemException.invalidParameter("datetime", "must be an RFC 3339 date-time or an interval");
        }
        for (String p : parts) {
            if (p.isEmpty() || p.equals("..")) {
                continue;
            }
            try {
                if (p.length() == 10) {
                    java.time.LocalDate.parse(p);
                } else {
                    java.time.OffsetDateTime.parse(p);
                }
            } catch (java.time.format.DateTimeParseException e) {
                throw ProblemException.invalidParameter("datetime", "'" + p + "' is not an RFC 3339 date-time");
            }
        }
    }

    private static String query(Map<String, String> q, Integer offset, Integer limit, String f) {
        Map<String, String> m = new LinkedHashMap<>(q);
        m.put("f", f);
        if (offset != null) {
            m.put("offset", String.valueOf(offset));
            m.put("limit", String.valueOf(limit));
        }
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(b.isEmpty() ? '?' : '&').append(enc(k)).append('=').append(enc(v)));
        return b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> link(String href, String rel, String type, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("href", href);
        m.put("rel", rel);
        m.put("type", type);
        m.put("title", title);
        return m;
    }

    private static boolean wantsHtml(HttpRequest<?> req) {
        String f = req.getParameters().get("f");
        if (f != null) {
            String v = f.toLowerCase(Locale.ROOT);
            if (!v.equals("json") && !v.equals("html")) {
                throw new ProblemException(HttpStatus.NOT_ACCEPTABLE, ProblemTypes.NOT_ACCEPTABLE, "Not acceptable",
                        "f must be json or html");
            }
            return v.equals("html");
        }
        String accept = req.getHeaders().get("Accept");
        return accept != null && accept.contains("text/html") && !accept.contains("json");
    }

    private HttpResponse<?> respond(HttpRequest<?> req, Object body, String type, String title) {
        String text = write(body);
        if (wantsHtml(req)) {
            return html(title, "<pre>" + escape(text) + "</pre>");
        }
        return HttpResponse.ok(text).contentType(MediaType.of(type));
    }

    private static HttpResponse<String> html(String title, String body) {
        return HttpResponse.ok("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>"
                + escape(title) + "</title></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>")
                .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Absolute links start at the configured public base URL, never at the request's Host header. */
    private String base(HttpRequest<?> req) {
        return publicUrl.base();
    }
}

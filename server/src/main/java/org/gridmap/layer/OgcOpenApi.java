package org.gridmap.layer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OpenAPI 3.0 definition of the OGC API – Features endpoints ({@code /ogc/api}). */
final class OgcOpenApi {
    private OgcOpenApi() {}

    static Map<String, Object> document(String base, List<Layer> layers) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "gridmap OGC API – Features", "version", "1.0.0",
                "description", "OGC API – Features – Part 1: Core over gridmap's public layers"));
        doc.put("servers", List.of(Map.of("url", base + "/ogc")));
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("/", op("landing page", "getLandingPage", List.of(), "application/json"));
        paths.put("/conformance", op("conformance classes", "getConformanceDeclaration", List.of(), "application/json"));
        paths.put("/api", op("this API definition", "getApi", List.of(), OgcApi.OPENAPI));
        paths.put("/collections", op("the feature collections", "getCollections", List.of(), "application/json"));
        Map<String, Object> collectionId = param("collectionId", "path", true, Map.of("type", "string",
                "enum", layers.stream().map(Layer::id).toList()));
        paths.put("/collections/{collectionId}", op("a collection", "describeCollection", List.of(collectionId),
                "application/json"));
        paths.put("/collections/{collectionId}/items", op("the features of a collection", "getFeatures", List.of(
                collectionId,
                param("limit", "query", false, Map.of("type", "integer", "minimum", 1, "maximum", 10000, "default", 10)),
                param("bbox", "query", false, Map.of("type", "array", "minItems", 4, "maxItems", 6,
                        "items", Map.of("type", "number"))),
                param("datetime", "query", false, Map.of("type", "string")),
                param("offset", "query", false, Map.of("type", "integer", "minimum", 0))), OgcApi.GEOJSON));
        paths.put("/collections/{collectionId}/items/{featureId}", op("one feature", "getFeature", List.of(collectionId,
                param("featureId", "path", true, Map.of("type", "string"))), OgcApi.GEOJSON));
        doc.put("paths", paths);
        return doc;
    }

    private static Map<String, Object> op(String summary, String id, List<Map<String, Object>> params, String type) {
        Map<String, Object> get = new LinkedHashMap<>();
        get.put("summary", summary);
        get.put("operationId", id);
        get.put("parameters", params);
        get.put("responses", Map.of("200", Map.of("description", summary, "content", Map.of(type, Map.of()))));
        return Map.of("get", get);
    }

    private static Map<String, Object> param(String name, String in, boolean required, Map<String, Object> schema) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", in);
        p.put("required", required);
        p.put("schema", schema);
        if (in.equals("query")) {
            // OGC API – Features Part 1 (and its test suite) expect every query parameter to say how it is serialised.
            p.put("style", "form");
            p.put("explode", false);
        }
        return p;
    }
}

package org.gridmap.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpStatus;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * GeoJSON (RFC 7946) FeatureCollections, or one Feature. A first streaming pass enforces the limits (nesting depth,
 * vertices per feature and in total, feature count) without building anything, so a hostile file is refused in
 * milliseconds; the second pass reads features one by one with JTS's GeoJSON reader. A legacy {@code crs} member
 * (GeoJSON 2008) is honoured.
 */
final class GeoJsonSource {
    private final ImportConfig limits;

    GeoJsonSource(ImportConfig limits) {
        this.limits = limits;
    }

    SourceData read(Path file) {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(limits.maxJsonNesting())
                        .maxNumberLength(64).maxStringLength(5_000_000).build())
                .build();
        scanLimits(factory, file);
        ObjectMapper om = new ObjectMapper(factory);
        JsonNode root;
        try (InputStream in = Files.newInputStream(file);
             com.fasterxml.jackson.core.JsonParser p = om.createParser(in)) {
            root = om.readTree(p);
            if (p.nextToken() != null) {
                var at = p.currentLocation();
                throw unreadable("there is more after the GeoJSON object (line " + at.getLineNr() + ", column "
                        + at.getColumnNr() + "); the file holds one object");
            }
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw unreadable(e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw unreadable("the file is not a GeoJSON object");
        }
        String type = root.path("type").asText("");
        List<JsonNode> features = new ArrayList<>();
        if (type.equals("FeatureCollection")) {
            JsonNode fs = root.get("features");
            if (fs == null || !fs.isArray()) {
                throw unreadable("a FeatureCollection needs a \"features\" array");
            }
            fs.forEach(features::add);
        } else if (type.equals("Feature")) {
            features.add(root);
        } else {
            throw unreadable("expected a FeatureCollection or a Feature, found type '" + type + "'");
        }
        SourceCrs crs = null;
        JsonNode crsMember = root.get("crs");
        if (crsMember != null && !crsMember.isNull()) {
            // the 2008 GeoJSON "crs" member: {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}}
            JsonNode crsName = crsMember.path("properties").path("name");
            if (!crsName.isTextual()) {
                throw ProblemException.of(ProblemTypes.IMPORT_CRS, "Unreadable crs member", "the file's \"crs\" "
                        + "member does not name a coordinate system (properties.name must be a text such as "
                        + "\"urn:ogc:def:crs:EPSG::4490\"); fix it, or remove it and give the crs parameter");
            }
            crs = SourceCrs.parse(crsName.asText());
        }
        GeoJsonReader reader = new GeoJsonReader();
        List<RawFeature> out = new ArrayList<>(features.size());
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        int row = 0;
        for (JsonNode f : features) {
            row++;
            Map<String, Object> attrs = new LinkedHashMap<>();
            if (!f.isObject()) {
                out.add(new RawFeature(row, attrs, null, null, "is not a GeoJSON Feature object"));
                continue;
            }
            JsonNode props = f.get("properties");
            if (props != null && !props.isNull() && !props.isObject()) {
                out.add(new RawFeature(row, attrs, null, null, "has \"properties\" that is not an object (RFC 7946 "
                        + "§3.2: an object or null)"));
                continue;
            }
            if (props != null && props.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = props.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode v = e.getValue();
                    columns.add(e.getKey());
                    attrs.put(e.getKey(), v.isNull() ? null : v.isBoolean() ? (Object) v.booleanValue()
                            : v.isNumber() ? v.numberValue() : v.isTextual() ? v.textValue()
                            : new Field.Nested(v.isArray() ? "array" : "object"));
                }
            }
            if (!f.path("type").asText("").equals("Feature")) {
                out.add(new RawFeature(row, attrs, null, "is not a GeoJSON Feature (type must be \"Feature\")"));
                continue;
            }
            JsonNode g = f.get("geometry");
            if (g == null || g.isNull()) {
                out.add(new RawFeature(row, attrs, null, null));
                continue;
            }
            GeoJsonShape.Outcome shape = GeoJsonShape.check(g);
            if (shape.error() != null) {
                out.add(new RawFeature(row, attrs, null, "is malformed: " + shape.error()));
                continue;
            }
            try {
                Geometry geom = reader.read(g.toString());
                out.add(new RawFeature(row, attrs, geom, null));
            } catch (Exception e) {
                out.add(new RawFeature(row, attrs, null, "cannot be read: " + GeometryChecks.jtsMessage(e)));
            }
        }
        return new SourceData("GeoJSON", out, crs, "UTF-8", List.copyOf(columns));
    }

    /** Counts features and coordinate pairs without keeping anything; throws 413 past a limit. */
    private void scanLimits(JsonFactory factory, Path file) {
        long total = 0;
        int features = 0;
        try (JsonParser p = factory.createParser(file.toFile())) {
            int coordinatesDepth = -1;
            int featuresDepth = -1;
            int depth = 0;
            long inFeature = 0;
            String lastField = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        depth++;
                        if (t == JsonToken.START_ARRAY && "coordinates".equals(lastField) && coordinatesDepth < 0) {
                            coordinatesDepth = depth;
                        }
                        if (t == JsonToken.START_ARRAY && "features".equals(lastField) && depth == 2) {
                            featuresDepth = depth;
                        }
                        if (t == JsonToken.START_OBJECT && featuresDepth > 0 && depth == featuresDepth + 1) {
                            features++;
                            inFeature = 0;
                            if (features > limits.maxFeatures()) {
                                throw tooLarge("more than " + limits.maxFeatures() + " features");
                            }
                        }
                        lastField = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        if (depth == coordinatesDepth) {
                            coordinatesDepth = -1;
                        }
                        if (depth == featuresDepth) {
                            featuresDepth = -1;
                        }
                        depth--;
                    }
                    case FIELD_NAME -> lastField = p.currentName();
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        if (coordinatesDepth > 0) {
                            inFeature++;
                            total++;
                            if (inFeature / 2 > limits.maxVerticesPerFeature()) {
                                throw tooLarge("feature " + Math.max(1, features) + " has more than "
                                        + limits.maxVerticesPerFeature() + " vertices");
                            }
                            if (total / 2 > limits.maxTotalVertices()) {
                                throw tooLarge("more than " + limits.maxTotalVertices() + " vertices in all");
                            }
                        }
                    }
                    default -> { }
                }
            }
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw unreadable(e.getMessage());
        }
    }

    static ProblemException tooLarge(String what) {
        return new ProblemException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, ProblemTypes.IMPORT_LIMIT,
                "Import limit exceeded", "the file has " + what + "; split it or simplify the geometry");
    }

    private static ProblemException notJson(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        var at = e.getLocation();
        if (msg != null && msg.startsWith("Duplicate field")) {
            String key = msg.replaceAll("^Duplicate field '(.*)'$", "$1");
            return unreadable("an object has the key '" + org.gridmap.support.Texts.excerpt(key, 60) + "' twice"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + "; one of the values would silently win, so the file is refused");
        }
        if (msg != null && msg.contains("nesting depth")) {
            return new ProblemException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, ProblemTypes.IMPORT_LIMIT,
                    "Import limit exceeded", "JSON nesting is deeper than allowed (a MultiPolygon needs 7 levels)");
        }
        if (msg != null && msg.startsWith("Number value length")) {
            return unreadable("a number has more digits than any coordinate or value needs"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        var loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return unreadable("not valid JSON" + where + ": " + (msg == null ? ""
                : org.gridmap.support.Texts.withoutInternals(msg.lines().findFirst().orElse(""))));
    }

    static ProblemException unreadable(String detail) {
        return ProblemException.of(ProblemTypes.IMPORT_UNREADABLE, "Unreadable file", detail);
    }
}

package org.gridmap.layer;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.SmallSampleTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OGC API – Features on the small sample, read by GDAL's OAPIF driver and paged by hand. */
@MicronautTest(transactional = false)
class OgcFeaturesTest extends SmallSampleTest {

    static final Map<String, String> VIEWS = Map.of("admin_areas", "layer_admin_areas", "grids", "layer_grids",
            "grid_risk", "layer_grid_risk", "flood_zones", "layer_flood_zones", "shelters", "layer_shelters",
            "waters", "layer_waters");

    @Test
    void gdalListsEveryPublicCollectionWithItsFeatureCount() throws Exception {
        Process p = new ProcessBuilder("ogrinfo", "-ro", "-al", "-so", "OAPIF:" + server.getURI() + "/ogc")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        Map<String, Long> counts = new HashMap<>();
        Matcher m = Pattern.compile("Layer name: (\\S+)[\\s\\S]*?Feature Count: (\\d+)").matcher(out);
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        assertEquals(VIEWS.keySet(), counts.keySet(), out);
        VIEWS.forEach((id, view) -> assertEquals(Sql.count(ds, "SELECT count(*) FROM " + view), counts.get(id), id));
        assertFalse(out.contains("buildings"), "the buildings layer (household-level colours) is not public");
    }

    @Test
    void pagingReturnsEveryFeatureExactlyOnce() {
        String next = "/ogc/collections/shelters/items?limit=7";
        List<String> ids = new ArrayList<>();
        long matched = -1;
        while (next != null) {
            JsonNode page = api.get(next, null).json();
            matched = page.get("numberMatched").asLong();
            assertEquals(page.get("features").size(), page.get("numberReturned").asInt());
            page.get("features").forEach(f -> ids.add(f.get("id").asText()));
            next = null;
            for (JsonNode l : page.get("links")) {
                if (l.get("rel").asText().equals("next")) {
                    next = l.get("href").asText().replaceFirst("^https?://[^/]+", "");
                }
            }
        }
        Set<String> unique = new HashSet<>(ids);
        assertEquals(ids.size(), unique.size(), "no feature twice");
        assertEquals(Sql.count(ds, "SELECT count(*) FROM shelter"), unique.size(), "every feature");
        assertEquals(matched, unique.size());
    }

    @Test
    void landingConformanceCollectionsAndOneFeature() {
        JsonNode landing = api.get("/ogc", null).json();
        Set<String> rels = new HashSet<>();
        landing.get("links").forEach(l -> rels.add(l.get("rel").asText()));
        assertTrue(rels.containsAll(Set.of("self", "service-desc", "conformance", "data")), rels.toString());
        JsonNode conf = api.get("/ogc/conformance", null).json();
        assertTrue(conf.get("conformsTo").toString().contains("ogcapi-features-1/1.0/conf/core"));
        Api.Response apiDoc = api.get("/ogc/api", null);
        assertTrue(apiDoc.contentType().startsWith("application/vnd.oai.openapi+json"), apiDoc.contentType());
        assertEquals("3.0.3", apiDoc.json().get("openapi").asText());
        JsonNode col = api.get("/ogc/collections/grids", null).json();
        assertEquals("grids", col.get("id").asText());
        assertEquals(4, col.get("extent").get("spatial").get("bbox").get(0).size());
        String grid = (String) Sql.value(ds, "SELECT grid_code FROM grid ORDER BY 1 LIMIT 1");
        Api.Response f = api.get("/ogc/collections/grids/items/" + grid, null);
        assertEquals(200, f.status());
        assertTrue(f.contentType().startsWith("application/geo+json"));
        assertEquals(grid, f.json().get("id").asText());
        assertEquals("MultiPolygon", f.json().get("geometry").get("type").asText());
        Api.Response html = api.get("/ogc/collections?f=html", null);
        assertTrue(html.contentType().startsWith("text/html") && html.body().contains("<html"), html.contentType());
    }

    @Test
    void filtersAndErrors() {
        JsonNode r50 = api.get("/ogc/collections/flood_zones/items?scenario=R50&limit=1000", null).json();
        assertEquals(Sql.count(ds, "SELECT count(*) FROM layer_flood_zones WHERE scenario = 'R50'"),
                r50.get("numberMatched").asLong());
        r50.get("features").forEach(f -> assertEquals("R50", f.get("properties").get("scenario").asText()));
        JsonNode box = api.get("/ogc/collections/shelters/items?bbox=0,0,1,1", null).json();
        assertEquals(0, box.get("numberMatched").asLong());
        assertEquals(400, api.get("/ogc/collections/shelters/items?bbox=1,2,3", null).status());
        assertEquals(400, api.get("/ogc/collections/shelters/items?limit=0", null).status());
        assertEquals(400, api.get("/ogc/collections/shelters/items?colour=red", null).status());
        assertEquals(400, api.get("/ogc/collections/shelters/items?datetime=yesterday", null).status());
        assertEquals(404, api.get("/ogc/collections/buildings", null).status());
        assertEquals(404, api.get("/ogc/collections/shelters/items/NOPE", null).status());
        JsonNode capped = api.get("/ogc/collections/admin_areas/items?limit=5000", null).json();
        assertTrue(capped.get("numberReturned").asInt() <= 1000, "server maximum applies");
    }
}

package org.gridmap.layer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.gridmap.security.Caller;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;
import org.gridmap.support.PublicUrl;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vector tiles of every catalogue layer: {@code /tiles} (the list), {@code /tiles/{layer}.json} (TileJSON 3.0.0),
 * {@code /tiles/{layer}/{z}/{x}/{y}.mvt}. Public layers need no login; layers with household-level information
 * need one and are cut to the caller's area.
 */
@Controller("/tiles")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "tiles")
class TileController {
    static final MediaType MVT = MediaType.of("application/vnd.mapbox-vector-tile");

    private final LayerCatalog catalog;
    private final TileService tiles;
    private final LayerRepository features;
    private final PublicUrl publicUrl;
    private final org.gridmap.support.Deployment deployment;

    TileController(LayerCatalog catalog, TileService tiles, LayerRepository features, PublicUrl publicUrl,
                   org.gridmap.support.Deployment deployment) {
        this.deployment = deployment;
        this.publicUrl = publicUrl;
        this.catalog = catalog;
        this.tiles = tiles;
        this.features = features;
    }

    @Operation(summary = "The layers served as vector tiles, with their TileJSON")
    @Get
    List<Map<String, Object>> index(HttpRequest<?> request, @Nullable Authentication auth) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Layer l : catalog.all()) {
            if (l.isPublic() || auth != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", l.id());
                m.put("title", l.titleZh());
                m.put("title_en", l.titleEn());
                m.put("tilejson", base(request) + "/tiles/" + l.id() + ".json");
                m.put("needs_login", !l.isPublic());
                m.put("needs_scenario", l.scenario() == Layer.Scenario.REQUIRED);
                out.add(m);
            }
        }
        return out;
    }

    @Operation(summary = "TileJSON 3.0.0 of a layer ({layer}.json)")
    @Get("/{name}")
    HttpResponse<Map<String, Object>> tileJson(@PathVariable String name, HttpRequest<?> request,
                                               @Nullable @QueryValue String scenario, @Nullable Authentication auth) {
        if (!name.endsWith(".json")) {
            throw ProblemException.notFound("resource", "/tiles/" + name);
        }
        Layer l = visible(name.substring(0, name.length() - 5), auth);
        // TileJSON knows only {z}, {x} and {y}: a scenario layer's URLs carry a concrete scenario (the asked one, else
        // the default), so that QGIS, MapLibre or GDAL can use them as they are.
        String sc = null;
        if (l.scenario() == Layer.Scenario.REQUIRED) {
            if (scenario != null && !scenario.matches("[A-Za-z0-9_-]{1,32}")) {
                throw ProblemException.invalidParameter("scenario", "is a scenario code (letters, digits, _ or -)");
            }
            sc = features.scenarioForTiles(scenario).orElseThrow(() -> scenario == null
                    ? ProblemException.notFound("scenario", "(none loaded)") : ProblemException.notFound("scenario",
                    scenario));
        }
        Map<String, Object> tj = new LinkedHashMap<>();
        tj.put("tilejson", "3.0.0");
        tj.put("name", l.titleZh() + " / " + l.titleEn());
        tj.put("description", l.titleEn() + (sc != null ? "; scenario " + sc + " (another: ?scenario=<code>, "
                + "GET /api/risk/scenarios lists them)" : ""));
        tj.put("version", "1.0.0");
        tj.put("scheme", "xyz");
        tj.put("tiles", List.of(base(request) + "/tiles/" + l.id() + "/{z}/{x}/{y}.mvt"
                + (sc != null ? "?scenario=" + sc : "")));
        tj.put("minzoom", l.minZoom());
        tj.put("maxzoom", l.maxZoom());
        double[] b = Arrays.stream(features.extent(l).orElseGet(() -> deployment.district().extent())).map(TileController::round).toArray();
        tj.put("bounds", List.of(b[0], b[1], b[2], b[3]));
        tj.put("center", List.of((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, Math.max(l.minZoom(), 12)));
        Map<String, Object> vl = new LinkedHashMap<>();
        vl.put("id", l.id());
        vl.put("description", l.titleZh());
        vl.put("minzoom", l.minZoom());
        vl.put("maxzoom", l.maxZoom());
        Map<String, String> fields = new LinkedHashMap<>();
        l.properties().forEach((k, v) -> fields.put(k, v.equals("integer") || v.equals("number") ? "Number"
                : v.equals("boolean") ? "Boolean" : "String"));
        vl.put("fields", fields);
        tj.put("vector_layers", List.of(vl));
        tj.put("attribution", "gridmap · 行政区划代码 NBS 2023 · rivers GSHHG (LGPL) · 其余为合成示例数据");
        return HttpResponse.ok(tj);
    }

    @Operation(summary = "A vector tile (Mapbox Vector Tile 2.1); 204 when empty")
    @Get(value = "/{name}/{z}/{x}/{tile}", produces = {"application/vnd.mapbox-vector-tile", "application/x-protobuf",
            "application/json", "application/problem+json"})
    HttpResponse<byte[]> tile(@PathVariable String name, @PathVariable("z") String zText,
                              @PathVariable("x") String xText, @PathVariable String tile,
                              @Nullable @QueryValue String scenario, HttpRequest<?> request,
                              @Nullable Authentication auth) {
        Layer l = visible(name, auth);
        if (!tile.endsWith(".mvt")) {
            throw new ProblemException(HttpStatus.NOT_ACCEPTABLE, ProblemTypes.NOT_ACCEPTABLE, "Not acceptable",
                    "tiles are served as .mvt (Mapbox Vector Tile)");
        }
        int z;
        int x;
        int y;
        try {
            z = org.gridmap.support.Numbers.count(zText);
            x = org.gridmap.support.Numbers.count(xText);
            y = org.gridmap.support.Numbers.count(tile.substring(0, tile.length() - 4));
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("tile", name + "/" + zText + "/" + xText + "/" + tile);
        }
        if (z < l.minZoom() || z > l.maxZoom()) {
            throw ProblemException.notFound("tile", name + "/" + z + "/" + x + "/" + y)
                    .with("detail_range", "layer " + l.id() + " is served at zoom " + l.minZoom() + "–" + l.maxZoom());
        }
        long max = 1L << z;
        if (x < 0 || y < 0 || x >= max || y >= max) {
            throw ProblemException.notFound("tile", z + "/" + x + "/" + y + " (outside the zoom level's grid)");
        }
        if (l.scenario() == Layer.Scenario.REQUIRED && (scenario == null || !scenario.matches("[A-Za-z0-9_-]{1,32}"))) {
            throw ProblemException.invalidParameter("scenario", "is required for layer " + l.id() + " (a scenario code "
                    + "such as R50)");
        }
        Caller caller = auth == null ? null : Caller.of(auth);
        TileService.Tile t = tiles.tile(l, z, x, y, scenario, caller);
        String cache = l.isPublic() ? "public, max-age=60" : "private, max-age=60";
        if (org.gridmap.support.Etags.noneMatchHits(request.getHeaders().get("If-None-Match"), t.etag())) {
            return HttpResponse.<byte[]>status(HttpStatus.NOT_MODIFIED).header("ETag", t.etag())
                    .header("Cache-Control", cache);
        }
        if (t.bytes().length == 0) {
            return HttpResponse.<byte[]>noContent().header("ETag", t.etag()).header("Cache-Control", cache);
        }
        return HttpResponse.ok(t.bytes()).contentType(MVT).header("ETag", t.etag()).header("Cache-Control", cache)
                .header("Vary", "Authorization");
    }

    private Layer visible(String id, @Nullable Authentication auth) {
        Layer l = catalog.find(id).orElseThrow(() -> ProblemException.notFound("layer", id)
                .with("layers", catalog.all().stream().map(Layer::id).toList()));
        if (!l.isPublic() && auth == null) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
                    "layer " + id + " is not public (household-level colours or QA findings): log in first");
        }
        catalog.prepare(l);
        return l;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /** Absolute links start at the configured public base URL, never at the request's Host header. */
    private String base(HttpRequest<?> request) {
        return publicUrl.base();
    }
}

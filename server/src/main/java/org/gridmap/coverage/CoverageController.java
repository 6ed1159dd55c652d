package org.gridmap.coverage;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.gridmap.coverage.CoverageEngine.Finding;
import org.gridmap.security.Caller;
import org.gridmap.support.Csv;
import org.gridmap.support.ProblemException;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

import java.util.List;

/**
 * Coverage QA (DESIGN §3): {@code GET /api/coverage?area=}, its findings as GeoJSON for maps and GIS tools, and
 * as CSV. A caller asking about an area above its own gets its own area.
 */
@Controller("/api/coverage")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "coverage")
class CoverageController {
    static final MediaType GEOJSON = MediaType.of("application/geo+json");

    private final CoverageService coverage;

    CoverageController(CoverageService coverage) {
        this.coverage = coverage;
    }

    @Operation(summary = "Coverage QA of a district, street or community: gaps, overlaps, grids outside their "
            + "community, invalid shared edges, buildings in no grid or cut by a boundary, households per grid outside "
            + "the band, grids without chief or worker; covered shares, counts per kind and per child area, worst first")
    @Get
    CoverageService.Report report(@QueryValue String area, Authentication auth) {
        return coverage.analyze(prefix(area, auth)).report();
    }

    @Operation(summary = "Every coverage finding as a GeoJSON FeatureCollection (EPSG:4326), a 'kind' per feature")
    @Get(value = "/findings", produces = {"application/geo+json", MediaType.APPLICATION_JSON})
    HttpResponse<String> geojson(@QueryValue String area, Authentication auth) {
        List<Finding> findings = coverage.analyze(prefix(area, auth)).findings();
        GeoJsonWriter writer = new GeoJsonWriter(7);
        writer.setEncodeCRS(false);
        StringBuilder b = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        int n = 0;
        for (Finding f : findings) {
            if (n++ > 0) {
                b.append(',');
            }
            CoverageService.FindingView v = CoverageService.view(f);
            b.append("{\"type\":\"Feature\",\"geometry\":")
                    .append(f.geom() == null ? "null" : writer.write(coverage.metric().toWgs84(f.geom())))
                    .append(",\"properties\":{\"kind\":").append(Csv.jsonString(v.kind()))
                    .append(",\"community_code\":").append(Csv.jsonString(v.communityCode()))
                    .append(",\"grid_code\":").append(Csv.jsonString(v.gridCode()))
                    .append(",\"other_grid_code\":").append(Csv.jsonString(v.otherGridCode()))
                    .append(",\"building_id\":").append(Csv.jsonString(v.buildingId()))
                    .append(",\"area_m2\":").append(v.areaM2())
                    .append(",\"length_m\":").append(v.lengthM())
                    .append(",\"households\":").append(v.households())
                    .append(",\"detail\":").append(Csv.jsonString(v.detail())).append("}}");
        }
        b.append("]}");
        return HttpResponse.ok(b.toString()).contentType(GEOJSON);
    }

    @Operation(summary = "Every coverage finding as CSV (UTF-8 with BOM for Excel; geometry as WKT in EPSG:4326)")
    @Get(value = "/findings.csv", produces = "text/csv")
    HttpResponse<String> csv(@QueryValue String area, Authentication auth) {
        List<Finding> findings = coverage.analyze(prefix(area, auth)).findings();
        StringBuilder b = new StringBuilder("\uFEFFkind,community_code,grid_code,other_grid_code,building_id,area_m2,"
                + "length_m,households,detail,wkt\r\n");
        for (Finding f : findings) {
            CoverageService.FindingView v = CoverageService.view(f);
            Csv.row(b, v.kind(), v.communityCode(), v.gridCode(), v.otherGridCode(), v.buildingId(),
                    String.valueOf(v.areaM2()), String.valueOf(v.lengthM()),
                    v.households() == null ? null : String.valueOf(v.households()), v.detail(),
                    f.geom() == null ? null : coverage.metric().toWgs84(f.geom()).toText());
        }
        return HttpResponse.ok(b.toString()).contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"coverage-" + area + ".csv\"");
    }

    private static String prefix(String area, Authentication auth) {
        Caller caller = Caller.of(auth);
        if (area == null || !area.matches("\\d{6}|\\d{9}|\\d{12}")) {
            throw ProblemException.invalidParameter("area", "must be a 6-, 9- or 12-digit area code");
        }
        if (caller.covers(area)) {
            return area;
        }
        if (caller.isInside(area) && caller.area().length() <= 12) {
            return caller.area();
        }
        throw ProblemException.notFound("area", area);
    }
}

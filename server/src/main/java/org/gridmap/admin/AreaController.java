package org.gridmap.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.gridmap.security.Caller;
import org.gridmap.support.Db;
import org.gridmap.support.ProblemException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** 行政区划: list, one area, and the counts below an area. */
@Controller("/api/areas")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "areas")
class AreaController {
    private static final Set<String> LEVELS = Set.of("CITY", "COUNTY", "STREET", "COMMUNITY");

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Area(String code, String name, String level, String parentCode, String kind, boolean rural,
                @Nullable Double areaKm2, @Nullable Object geometry) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Summary(String code, String name, String level, @Nullable String scopedTo, Map<String, Long> counts) {}

    private final Db db;
    private final AreaRepository areas;
    private final JsonMapper json;

    AreaController(Db db, AreaRepository areas, JsonMapper json) {
        this.db = db;
        this.areas = areas;
        this.json = json;
    }

    @Operation(summary = "List areas by level and parent (only those inside, or above, the caller's area)")
    @Get
    List<Area> list(@Nullable @QueryValue String level, @Nullable @QueryValue String parent, Authentication auth) {
        Caller caller = Caller.of(auth);
        if (level != null && !LEVELS.contains(level)) {
            throw ProblemException.invalidParameter("level", "must be one of " + LEVELS + ", was '" + level + "'");
        }
        if (parent != null && !parent.matches("\\d{6}|\\d{9}|\\d{12}")) {
            throw ProblemException.invalidParameter("parent", "must be a 6-, 9- or 12-digit area code");
        }
        return db.read(c -> areas.list(c, level, parent, caller.area())).stream()
                .map(r -> new Area(r.code(), r.name(), r.level(), r.parentCode(), r.kind(), r.rural(), null, null))
                .toList();
    }

    @Operation(summary = "One area with its boundary (GeoJSON geometry, EPSG:4326) and area in km²")
    @Get("/{code}")
    Area get(@PathVariable String code, Authentication auth) {
        Caller caller = Caller.of(auth);
        AreaRepository.AreaRow r = visible(caller, code);
        return new Area(r.code(), r.name(), r.level(), r.parentCode(), r.kind(), r.rural(), r.areaKm2(),
                parse(r.geojson()));
    }

    @Operation(summary = "Counts of streets, communities, grids, buildings, households and vulnerable people "
            + "below an area; restricted to the caller's own area when that lies inside it")
    @Get("/{code}/summary")
    Summary summary(@PathVariable String code, Authentication auth) {
        Caller caller = Caller.of(auth);
        AreaRepository.AreaRow r = visible(caller, code);
        String prefix = caller.covers(code) ? code : caller.area();
        Map<String, Long> counts = db.read(c -> areas.summary(c, prefix));
        return new Summary(r.code(), r.name(), r.level(), prefix.equals(code) ? null : prefix, counts);
    }

    private AreaRepository.AreaRow visible(Caller caller, String code) {
        if (!code.matches("\\d{6}|\\d{9}|\\d{12}")) {
            throw ProblemException.invalidParameter("code", "must be a 6-, 9- or 12-digit area code, was '" + code + "'");
        }
        if (!caller.covers(code) && !caller.isInside(code)) {
            throw ProblemException.notFound("area", code);
        }
        return db.read(c -> areas.find(c, code)).orElseThrow(() -> ProblemException.notFound("area", code));
    }

    private Object parse(String geojson) {
        if (geojson == null) {
            return null;
        }
        try {
            return json.readValue(geojson, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

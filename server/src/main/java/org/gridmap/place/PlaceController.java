package org.gridmap.place;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
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

import java.util.List;

/** 地点搜索: what a hotline operator hears on the phone (an address, a building's code, a road, a community), found. */
@Controller("/api/places")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "places")
public class PlaceController {

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Place(String kind, String code, String name, @Nullable String detail, @Nullable String gridCode,
                        double[] bbox) {}

    private final Db db;
    private final PlaceRepository places;

    PlaceController(Db db, PlaceRepository places) {
        this.db = db;
        this.places = places;
    }

    @Operation(summary = "Search places in the caller's area: streets and communities (code prefix or name), grids "
            + "(code prefix or name), buildings (code, address or name, e.g. ?q=纬五路27巷) and roads (name); best "
            + "matches first, each with kind, code, name, detail, its grid and bounding box [W,S,E,N]")
    @Get
    List<Place> search(@QueryValue String q, @Nullable @QueryValue Integer limit, Authentication auth) {
        Caller caller = Caller.of(auth);
        String text = q.strip();
        if (text.isEmpty() || text.length() > 60) {
            throw ProblemException.invalidParameter("q", "give 1–60 characters: an address, a building, grid or area "
                    + "code, or a name");
        }
        if (text.chars().anyMatch(ch -> Character.isISOControl(ch))) {
            throw ProblemException.invalidParameter("q", "control characters are not allowed");
        }
        int n = limit == null ? 20 : limit;
        if (n < 1 || n > 100) {
            throw ProblemException.invalidParameter("limit", "must be 1–100");
        }
        return db.read(c -> places.search(c, caller.area(), text, n, n)).stream()
                .map(p -> new Place(p.kind(), p.code(), p.name(), p.detail() == null || p.detail().isEmpty()
                        ? null : p.detail(), p.gridCode(), p.bbox())).toList();
    }
}

package org.gridmap.redistricting;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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
import org.gridmap.support.Csv;
import org.gridmap.support.ProblemException;
import org.gridmap.support.StrictJson;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** 网格调整: drafts, their edits (each with If-Match), proposals, publish, and the grids' history. HTTP only. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "redistricting")
class RedistrictController {

    @Serdeable(naming = SnakeCaseStrategy.class)
    record NewDraft(@Nullable String area, @Nullable String name) {}

    record MoveBody(@Nullable List<String> buildings, @Nullable JsonNode polygon, @Nullable Integer toGrid) {}

    record SplitBody(@Nullable Integer grid, @Nullable JsonNode line) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record MergeBody(@Nullable List<Integer> grids) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record LockBody(@Nullable Integer grid, @Nullable Boolean locked) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record RenameBody(@Nullable Integer grid, @Nullable String name) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ProposalBody(@Nullable String mode) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record PublishBody(@Nullable String effectiveFrom) {}

    private final RedistrictService service;

    RedistrictController(RedistrictService service) {
        this.service = service;
    }

    @Operation(summary = "Redistricting drafts over or under an area (default: the caller's)")
    @Get("/redistricting/drafts")
    List<RedistrictService.DraftSummary> list(@Nullable @QueryValue String area, Authentication auth) {
        return service.list(Caller.of(auth), area);
    }

    @Operation(summary = "Start a draft over a street or community from its current grids; body {area, name}; "
            + "201 with the draft and its ETag")
    @Post("/redistricting/drafts")
    HttpResponse<RedistrictService.Draft> create(@Nullable @Body String json, Authentication auth) {
        NewDraft b = StrictJson.read(json, NewDraft.class);
        RedistrictService.Draft d = service.create(Caller.of(auth), b == null ? null : b.area(),
                b == null ? null : b.name());
        return HttpResponse.created(d, URI.create("/api/redistricting/drafts/" + d.id()))
                .header("ETag", RedistrictService.etag(d.version()));
    }

    @Operation(summary = "A draft: its grids with live tallies (households, people, vulnerable, band, contiguity, "
            + "Polsby-Popper; with ?scenario= households per 四色 colour), the coverage QA of the draft, and its ETag; "
            + "every edit route takes ?scenario= too")
    @Get("/redistricting/drafts/{id}")
    HttpResponse<RedistrictService.Draft> get(@PathVariable long id, @Nullable @QueryValue String scenario,
                                              Authentication auth) {
        return withTag(service.view(Caller.of(auth), id, null, scenario));
    }

    @Operation(summary = "A draft's grids as GeoJSON (EPSG:4326), derived from its building assignment")
    @Get(value = "/redistricting/drafts/{id}/grids", produces = "application/geo+json")
    HttpResponse<String> grids(@PathVariable long id, Authentication auth) {
        return HttpResponse.ok(service.geojson(Caller.of(auth), id)).contentType("application/geo+json");
    }

    @Operation(summary = "What publishing the draft would change: buildings and households that change grid, "
            + "stewards, open tickets (with their numbers, the first 50) and active transfers")
    @Get("/redistricting/drafts/{id}/diff")
    RedistrictService.Diff diff(@PathVariable long id, Authentication auth) {
        return service.diff(Caller.of(auth), id);
    }

    @Operation(summary = "A draft's assignment as CSV: building_id,grid_key")
    @Get(value = "/redistricting/drafts/{id}/assignment.csv", produces = "text/csv")
    HttpResponse<String> csv(@PathVariable long id, Authentication auth) {
        StringBuilder b = new StringBuilder("\uFEFFbuilding_id,grid_key\r\n");
        for (String[] row : service.assignmentRows(Caller.of(auth), id)) {
            Csv.row(b, row);
        }
        return HttpResponse.ok(b.toString()).contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"draft-" + id + ".csv\"");
    }

    @Operation(summary = "Move buildings (their codes, or all inside a drawn GeoJSON polygon) to a grid of the draft "
            + "(to_grid; none = a new grid); If-Match required")
    @Post("/redistricting/drafts/{id}/moves")
    HttpResponse<RedistrictService.Draft> move(@PathVariable long id, @Nullable @Header("If-Match") String ifMatch,
                                               @Nullable @QueryValue String scenario, @Nullable @Body String json,
                                               Authentication auth) {
        MoveBody b = body(json, MoveBody.class);
        return coloured(auth, scenario, service.move(Caller.of(auth), id, ifMatch, b.buildings(), b.polygon(),
                b.toGrid()));
    }

    @Operation(summary = "Import an assignment, CSV building_id,grid_key (the export's form), as one undoable edit; a "
            + "key the draft lacks makes a new grid; any bad row refuses the file (422 listing them); If-Match required")
    @io.micronaut.http.annotation.Put(value = "/redistricting/drafts/{id}/assignment.csv",
            consumes = {"text/csv", "text/plain"})
    HttpResponse<RedistrictService.Draft> importCsv(@PathVariable long id, @Nullable @Header("If-Match") String ifMatch,
                                                    @Nullable @QueryValue String scenario, @Nullable @Body String csv,
                                                    Authentication auth) {
        return coloured(auth, scenario, service.importCsv(Caller.of(auth), id, ifMatch, csv));
    }

    @Operation(summary = "Split a grid along a drawn GeoJSON LineString (buildings stay whole); If-Match required")
    @Post("/redistricting/drafts/{id}/split")
    HttpResponse<RedistrictService.Draft> split(@PathVariable long id, @Nullable @Header("If-Match") String ifMatch,
                                                @Nullable @QueryValue String scenario, @Nullable @Body String json,
                                                Authentication auth) {
        SplitBody b = body(json, SplitBody.class);
        return coloured(auth, scenario, service.split(Caller.of(auth), id, ifMatch, b.grid(), b.line()));
    }

    @Operation(summary = "Merge grids of one community into the first listed; If-Match required")
    @Post("/redistricting/drafts/{id}/merge")
    HttpResponse<RedistrictService.Draft> merge(@PathVariable long id, @Nullable @Header("If-Match") String ifMatch,
                                                @Nullable @QueryValue String scenario, @Nullable @Body String json,
                                                Authentication auth) {
        return coloured(auth, scenario, service.merge(Caller.of(auth), id, ifMatch,
                body(json, MergeBody.class).grids()));
    }

    @Operation(summary = "Lock or unlock a grid (edits and proposals leave a locked grid alone); If-Match required")
    @Post("/redistricting/drafts/{id}/lock")
    HttpResponse<RedistrictService.Draft> lock(@PathVariable long id, @Nullable @Header("If-Match") String ifMatch,
                                               @Nullable @QueryValue String scenario, @Nullable @Body String json,
                                               Authentication auth) {
        LockBody b = body(json, LockBody.class);
        if (b.locked() == null) {
            throw ProblemException.invalidParameter("locked", "true or false");
        }
        return coloured(auth, scenario, service.lock(Caller.of(auth), id, ifMatch, b.grid(), b.locked()));
    }

    @Operation(summary = "Rename a grid of the draft; If-Match required")
    @Post("/redistricting/drafts/{id}/rename")
    HttpResponse<RedistrictService.Draft> rename(@PathVariable long id, @Nullable @Header("If-Match") String ifMatch,
                                                 @Nullable @QueryValue String scenario, @Nullable @Body String json,
                                                 Authentication auth) {
        RenameBody b = body(json, RenameBody.class);
        return coloured(auth, scenario, service.rename(Caller.of(auth), id, ifMatch, b.grid(), b.name()));
    }

    @Operation(summary = "Undo the draft's last edit; If-Match required")
    @Post("/redistricting/drafts/{id}/undo")
    HttpResponse<RedistrictService.Draft> undo(@PathVariable long id, @Nullable @Header("If-Match") String ifMatch,
                                               @Nullable @QueryValue String scenario, Authentication auth) {
        return coloured(auth, scenario, service.undo(Caller.of(auth), id, ifMatch, true));
    }

    @Operation(summary = "Redo the last undone edit; If-Match required")
    @Post("/redistricting/drafts/{id}/redo")
    HttpResponse<RedistrictService.Draft> redo(@PathVariable long id, @Nullable @Header("If-Match") String ifMatch,
                                               @Nullable @QueryValue String scenario, Authentication auth) {
        return coloured(auth, scenario, service.undo(Caller.of(auth), id, ifMatch, false));
    }

    @Operation(summary = "Automatic proposal (METIS) for the draft's unlocked grids, body {mode: SCRATCH|REBALANCE}; "
            + "one undoable edit; the answer's proposal says how many households change grid and names each "
            + "group that cannot be in band, with the reason; If-Match required")
    @Post("/redistricting/drafts/{id}/proposal")
    HttpResponse<RedistrictService.Draft> propose(@PathVariable long id, @Nullable @Header("If-Match") String ifMatch,
                                                  @Nullable @QueryValue String scenario, @Nullable @Body String json,
                                                  Authentication auth) {
        ProposalBody b = StrictJson.read(json, ProposalBody.class);
        return coloured(auth, scenario, service.propose(Caller.of(auth), id, ifMatch, b == null ? null : b.mode()));
    }

    @Operation(summary = "Publish the draft as the current grids (one transaction), body {effective_from} (ISO-8601, "
            + "default now); open tickets, stewards and grid logins move; other open drafts over the area turn "
            + "stale (409); audited; If-Match required")
    @Post("/redistricting/drafts/{id}/publish")
    HttpResponse<RedistrictService.Draft> publish(@PathVariable long id, @Nullable @Header("If-Match") String ifMatch,
                                                  @Nullable @QueryValue String scenario, @Nullable @Body String json,
                                                  Authentication auth) {
        PublishBody b = StrictJson.read(json, PublishBody.class);
        OffsetDateTime when = null;
        if (b != null && b.effectiveFrom() != null) {
            try {
                when = OffsetDateTime.parse(b.effectiveFrom());
            } catch (DateTimeParseException e) {
                throw ProblemException.invalidParameter("effective_from", "an ISO-8601 date-time with offset, e.g. "
                        + "2026-12-01T00:00:00+08:00");
            }
        }
        return withTag(service.publish(Caller.of(auth), id, ifMatch, when));
    }

    @Operation(summary = "网格划分登记表: the current grids of an area (default the caller's) with community, buildings, "
            + "households, people, area and stewards (names masked)")
    @Get("/redistricting/register")
    List<RedistrictService.RegisterEntry> register(@Nullable @QueryValue String area, Authentication auth) {
        return service.register(Caller.of(auth), area);
    }

    @Operation(summary = "A grid's lineage: the versions it was made from at a publish and those it went into")
    @Get("/grids/{gridCode}/lineage")
    List<RedistrictService.Lineage> lineage(@PathVariable String gridCode, Authentication auth) {
        return service.lineage(Caller.of(auth), gridCode);
    }

    @Operation(summary = "Which grid held a point at a moment (history): ?lon=&lat=&at=ISO-8601")
    @Get("/history/grid")
    RedistrictService.GridAt gridAt(@QueryValue double lon, @QueryValue double lat, @QueryValue String at,
                                    Authentication auth) {
        OffsetDateTime when;
        try {
            when = OffsetDateTime.parse(at);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidParameter("at", "an ISO-8601 date-time with offset, e.g. "
                    + "2025-07-01T00:00:00+08:00");
        }
        return service.gridAt(Caller.of(auth), lon, lat, when);
    }

    private static <T> T body(String json, Class<T> type) {
        T b = StrictJson.read(json, type);
        if (b == null) {
            throw ProblemException.invalidParameter("body", "a JSON object");
        }
        return b;
    }

    /** The draft after an edit; with a scenario, rendered again with its 四色 counts (shapes and checks are kept). */
    private HttpResponse<RedistrictService.Draft> coloured(Authentication auth, @Nullable String scenario,
                                                           RedistrictService.Draft d) {
        return withTag(scenario == null ? d : service.view(Caller.of(auth), d.id(), d.proposal(), scenario));
    }

    private static HttpResponse<RedistrictService.Draft> withTag(RedistrictService.Draft d) {
        return HttpResponse.ok(d).header("ETag", RedistrictService.etag(d.version()));
    }
}

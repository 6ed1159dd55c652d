package org.gridmap.grid;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
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
import org.gridmap.coverage.CoverageFindingsLayer;
import org.gridmap.security.Audit;
import org.gridmap.security.Caller;
import org.gridmap.security.Masking;
import org.gridmap.support.Db;
import org.gridmap.support.ProblemException;
import org.gridmap.support.Rows;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** 网格: one grid with its stewards and counts, at a moment in its history. */
@Controller("/api/grids")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "grids")
class GridController {

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Steward(String stewardId, String name, String phone, String role) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Version(int version, String name, OffsetDateTime validFrom, @Nullable OffsetDateTime validTo, long areaM2) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Grid(String gridCode, String name, String communityCode, String communityName, String streetCode,
                String streetName, int version, OffsetDateTime validFrom, @Nullable OffsetDateTime validTo,
                long areaM2, boolean rural, long buildings, long households, long people, long vulnerablePeople,
                List<Steward> stewards, List<Version> history, List<CoverageFindingsLayer.Stored> coverageFindings,
                Object geometry) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Match(String gridCode, String name, String communityCode, String communityName,
                 @Nullable String streetName, double[] bbox) {}

    /** The body of a stewards' reveal: why the phones are needed (audited). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record Reveal(@Nullable String reason) {}

    private final Db db;
    private final GridRepository grids;
    private final JsonMapper json;
    private final CoverageFindingsLayer findings;
    private final Audit audit;

    GridController(Db db, GridRepository grids, JsonMapper json, CoverageFindingsLayer findings, Audit audit) {
        this.audit = audit;
        this.db = db;
        this.grids = grids;
        this.json = json;
        this.findings = findings;
    }

    @Operation(summary = "Search current grids in the caller's area by code prefix or by grid, community or street "
            + "name (e.g. ?q=<a street's 9-digit code> or ?q=幸福); best matches first, each with its bounding box [W,S,E,N]")
    @Get
    List<Match> search(@QueryValue String q, @Nullable @QueryValue Integer limit, Authentication auth) {
        Caller caller = Caller.of(auth);
        String text = q.strip();
        if (text.isEmpty() || text.length() > 50) {
            throw ProblemException.invalidParameter("q", "give 1–50 characters: a grid code (prefix) or a grid, "
                    + "community or street name");
        }
        int n = limit == null ? 20 : limit;
        if (n < 1 || n > 100) {
            throw ProblemException.invalidParameter("limit", "must be 1–100");
        }
        return db.read(c -> grids.search(c, caller.area(), text, n)).stream()
                .map(m -> new Match(m.gridCode(), m.name(), m.communityCode(), m.communityName(), m.streetName(),
                        m.bbox())).toList();
    }

    @Operation(summary = "A grid by its 15-digit code: boundary, community, stewards (phones masked), counts, "
            + "coverage findings naming it; "
            + "?at=ISO-8601 time gives the boundary in force then")
    @Get("/{gridCode}")
    Grid get(@PathVariable String gridCode, @Nullable @QueryValue String at, Authentication auth) {
        Caller caller = Caller.of(auth);
        if (!gridCode.matches("\\d{15}")) {
            throw ProblemException.invalidParameter("grid_code", "must be 15 digits (community code + 3-digit "
                    + "sequence), was '" + gridCode + "'");
        }
        OffsetDateTime when = null;
        if (at != null) {
            try {
                when = OffsetDateTime.parse(at);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalidParameter("at", "must be an ISO-8601 date-time with offset, e.g. "
                        + "2025-07-01T00:00:00+08:00");
            }
        }
        if (!caller.covers(gridCode)) {
            throw ProblemException.notFound("grid", gridCode);
        }
        OffsetDateTime moment = when;
        List<CoverageFindingsLayer.Stored> qa = moment == null ? findings.ofGrid(gridCode) : List.of();
        return db.read(c -> {
            GridRepository.GridRow g = grids.find(c, gridCode, moment)
                    .orElseThrow(() -> ProblemException.notFound("grid", gridCode));
            GridRepository.Counts n = grids.counts(c, gridCode);
            List<Steward> stewards = grids.stewards(c, gridCode).stream()
                    .map(s -> new Steward(s.stewardId(), s.name(), Masking.phone(s.phone()), s.role())).toList();
            List<Version> history = grids.history(c, gridCode).stream()
                    .map(v -> new Version(v.version(), v.name(), v.validFrom(), v.validTo(), v.areaM2())).toList();
            return new Grid(g.gridCode(), g.name(), g.communityCode(), g.communityName(), g.streetCode(),
                    g.streetName(), g.version(), g.validFrom(), g.validTo(), g.areaM2(), g.rural(), n.buildings(), n.households(),
                    n.people(), n.vulnerablePeople(), stewards, history, qa, Rows.geojson(json, g.geojson()));
        });
    }

    @Operation(summary = "打印含电话: a grid's stewards with their phones in clear, for a callable printed sheet; roles "
            + "that read personal data, body {reason}, the reason is required and the reveal audited")
    @Post("/{gridCode}/stewards/reveal")
    List<Steward> revealStewards(@PathVariable String gridCode, @Nullable @Body String body, Authentication auth) {
        Caller caller = Caller.of(auth);
        caller.requireHouseholdAccess();
        if (!gridCode.matches("\\d{15}")) {
            throw ProblemException.invalidParameter("grid_code", "must be 15 digits, was '" + gridCode + "'");
        }
        Reveal r = org.gridmap.support.StrictJson.read(body, Reveal.class);
        String reason = r == null || r.reason() == null ? "" : r.reason().strip();
        if (reason.length() < 2 || reason.length() > 500) {
            throw ProblemException.invalidParameter("reason", "is required (2–500 characters): say why the phones "
                    + "are printed; it is written to the audit log");
        }
        org.gridmap.support.Texts.check("reason", reason, false);
        if (!caller.covers(gridCode)) {
            throw ProblemException.notFound("grid", gridCode);
        }
        return db.tx(c -> {
            grids.find(c, gridCode, null).orElseThrow(() -> ProblemException.notFound("grid", gridCode));
            List<Steward> out = grids.stewards(c, gridCode).stream()
                    .map(s -> new Steward(s.stewardId(), s.name(), s.phone(), s.role())).toList();
            audit.record(c, caller.username(), caller.role().name(), "REVEAL", "grid_stewards", gridCode,
                    caller.area(), Map.of("fields", List.of("name", "phone"), "stewards", out.size(), "reason",
                            reason), null);
            return out;
        });
    }
}

package org.gridmap.risk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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
import org.gridmap.security.Role;
import org.gridmap.support.ProblemException;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** 四色 household flood-risk classes: runs, summaries, households by colour, the reason for one household, rules. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "risk")
class RiskController {

    @Serdeable
    record RunRequest(@Nullable String scenario) {}

    /** A rule set as a PUT sends it: what GET gives, whose version and authorship the server sets. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = {"version", "created_by", "created_at"})
    record RuleSetBody(java.math.BigDecimal storeyHeightM, java.math.BigDecimal basementDepthM,
                       java.math.BigDecimal redDepthM, java.math.BigDecimal redVulnerableDepthM,
                       java.math.BigDecimal orangeDepthM, List<String> weakGrades, List<String> deepZoneKinds,
                       java.math.BigDecimal nearZoneM, Map<String, List<String>> mustMove, @Nullable String note) {
        RuleSet toRuleSet() {
            return new RuleSet(null, storeyHeightM, basementDepthM, redDepthM, redVulnerableDepthM, orangeDepthM,
                    weakGrades, deepZoneKinds, nearZoneM, mustMove, note, null, null);
        }
    }

    private final RiskService risk;

    RiskController(RiskService risk) {
        this.risk = risk;
    }

    @Operation(summary = "Flood scenarios with their current 四色 run")
    @Get("/risk/scenarios")
    List<RiskService.Scenario> scenarios() {
        return risk.scenarios();
    }

    @Operation(summary = "Start a 四色 run for a scenario over the whole district; 202 with the run to watch")
    @Post("/risk/runs")
    HttpResponse<RiskService.Run> start(@Nullable @Body String json, Authentication auth) {
        RunRequest body = org.gridmap.support.StrictJson.read(json, RunRequest.class);
        Caller caller = Caller.of(auth);
        if (caller.role() != Role.ADMIN && caller.role() != Role.DISTRICT_OFFICE) {
            throw ProblemException.forbidden("only ADMIN and DISTRICT_OFFICE start 四色 runs");
        }
        RiskService.Started started = risk.startRun(caller, body == null ? null : body.scenario());
        return HttpResponse.accepted(URI.create("/api/risk/runs/" + started.runId()))
                .body(risk.run(started.runId()).orElseThrow());
    }

    @Operation(summary = "A run: status, phase, progress, and when done the counts per colour")
    @Get("/risk/runs/{id}")
    RiskService.Run run(@PathVariable long id) {
        return risk.run(id).orElseThrow(() -> ProblemException.notFound("run", String.valueOf(id)));
    }

    @Operation(summary = "Households, people and vulnerable people per colour for an area and each child area; "
            + "with warning_level (IV…I), the colours and numbers that must move")
    @Get("/risk/summary")
    RiskService.Summary summary(@QueryValue String area, @QueryValue String scenario,
                                @Nullable @QueryValue("warning_level") String warningLevel, Authentication auth) {
        Caller caller = Caller.of(auth);
        if (!area.matches("\\d{6}|\\d{9}|\\d{12}|\\d{15}")) {
            throw ProblemException.invalidParameter("area", "must be a 6-, 9-, 12- or 15-digit code");
        }
        if (!caller.covers(area) && !caller.isInside(area)) {
            throw ProblemException.notFound("area", area);
        }
        return risk.summary(caller, area, scenario, warningLevel);
    }

    @Operation(summary = "Households of a grid with their colour (paged; personal data masked; the read is audited)")
    @Get("/risk/households")
    RiskService.Page households(@QueryValue String grid, @QueryValue String scenario, @Nullable @QueryValue String color,
                                @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size,
                                Authentication auth) {
        return risk.households(Caller.of(auth), grid, scenario, color, page == null ? 1 : page,
                size == null ? 50 : size);
    }

    /** The body of a grid's reveal: the page asked for and why (audited). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record RevealHouseholds(@Nullable String grid, @Nullable String scenario, @Nullable String color,
                            @Nullable Integer page, @Nullable Integer size, @Nullable String reason) {}

    @Operation(summary = "打印含电话: the same page of a grid's households with names and phones in clear, for a "
            + "callable printed list; roles that read personal data, body {grid, scenario, color, page, size, reason}, "
            + "the reason is required and the reveal audited")
    @Post("/risk/households/reveal")
    RiskService.Page revealHouseholds(@Nullable @Body String json, Authentication auth) {
        RevealHouseholds b = org.gridmap.support.StrictJson.read(json, RevealHouseholds.class);
        if (b == null || b.grid() == null || b.scenario() == null) {
            throw ProblemException.invalidParameter("grid/scenario", "give the grid and the scenario");
        }
        return risk.revealHouseholds(Caller.of(auth), b.grid(), b.scenario(), b.color(),
                b.page() == null ? 1 : b.page(), b.size() == null ? 50 : b.size(), b.reason());
    }

    @Operation(summary = "A household's colour with its reason in words (Chinese and English) and the inputs used")
    @Get("/households/{householdId}/risk")
    RiskService.Explanation explain(@PathVariable String householdId, @QueryValue String scenario, Authentication auth) {
        return risk.explain(Caller.of(auth), householdId, scenario);
    }

    @Operation(summary = "A building's colour with the reason: the explanation of its most urgent household")
    @Get("/buildings/{buildingId}/risk")
    RiskService.Explanation explainBuilding(@PathVariable String buildingId, @QueryValue String scenario,
                                            Authentication auth) {
        return risk.explainBuilding(Caller.of(auth), buildingId, scenario);
    }

    @Operation(summary = "The active rule set (every number of the 四色 rule and which colours move per warning level)")
    @Get("/risk/rules")
    RuleSet rules() {
        return risk.activeRules();
    }

    @Operation(summary = "Store a new rule-set version (validated) and re-derive every current result with it")
    @Put("/risk/rules")
    RuleSet updateRules(@Nullable @Body String json, Authentication auth) {
        RuleSetBody read = org.gridmap.support.StrictJson.read(json, RuleSetBody.class);
        if (read == null) {
            throw ProblemException.invalidParameter("body", "the rule set as JSON (GET /api/risk/rules gives the current one)");
        }
        RuleSet body = read.toRuleSet();
        Caller caller = Caller.of(auth);
        if (caller.role() != Role.ADMIN && caller.role() != Role.DISTRICT_OFFICE) {
            throw ProblemException.forbidden("only ADMIN and DISTRICT_OFFICE edit the rule set");
        }
        return risk.updateRules(caller, body);
    }
}

package org.gridmap.evacuation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
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
import org.gridmap.support.ProblemException;
import org.gridmap.support.Sheets;
import org.gridmap.support.StrictJson;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** 转移: flood mode, plans, shelters, transfers of a grid, field updates, shelter check-in, live figures. */
@Controller("/api/evacuation")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "evacuation")
class EvacuationController {

    @Serdeable(naming = SnakeCaseStrategy.class)
    record FloodModeBody(@Nullable String area, @Nullable String scenario, @Nullable String warningLevel) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ShelterBody(@Nullable String status, @Nullable String statusReason, @Nullable Integer capacity,
                       @Nullable Double usableAreaM2, @Nullable Boolean accessible, @Nullable Boolean medical,
                       @Nullable String managerName, @Nullable String managerPhone) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record EventBody(@Nullable String status, @Nullable String note) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record CheckInBody(@Nullable String code) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record WalkInBody(@Nullable Integer members, @Nullable Integer vulnerable, @Nullable String contactName,
                      @Nullable String phone, @Nullable String cameFrom, @Nullable String note) {}

    private final EvacuationService evacuation;
    private final EvacuationFeed feed;

    EvacuationController(EvacuationService evacuation, EvacuationFeed feed) {
        this.evacuation = evacuation;
        this.feed = feed;
    }

    @Operation(summary = "Server-Sent Events for the live dashboard: 'transfer' {id, scope, status} for each field "
            + "update or check-in in the caller's area (or ?area= inside it), 'plan' {id, area, status} when a plan "
            + "ends, 'shelter' {shelter_id, occupancy, status}; from every instance; a comment every 20 s")
    @Get(value = "/stream", produces = io.micronaut.http.MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.IO)
    org.reactivestreams.Publisher<io.micronaut.http.sse.Event<String>> stream(@Nullable @QueryValue String area,
                                                                              Authentication auth) {
        Caller caller = Caller.of(auth);
        String prefix = area == null ? caller.area() : area;
        if (!prefix.matches("\\d{0,15}") || !caller.covers(prefix)) {
            throw ProblemException.notFound("area", prefix);
        }
        reactor.core.publisher.Flux<io.micronaut.http.sse.Event<String>> changes = feed.changes()
                .filter(c -> switch (c.kind()) {
                    case "transfer" -> c.scope().startsWith(prefix);
                    case "plan" -> c.scope().startsWith(prefix) || prefix.startsWith(c.scope());
                    default -> true;
                })
                .map(c -> io.micronaut.http.sse.Event.of(switch (c.kind()) {
                    case "shelter" -> "{\"shelter_id\":\"" + c.id() + "\",\"occupancy\":" + c.scope()
                            + ",\"status\":\"" + c.status() + "\"}";
                    case "plan" -> "{\"id\":" + c.id() + ",\"area\":\"" + c.scope() + "\",\"status\":\""
                            + c.status() + "\"}";
                    default -> "{\"id\":" + c.id() + ",\"scope\":\"" + c.scope() + "\",\"status\":\""
                            + c.status() + "\"}";
                }).name(c.kind()));
        return org.gridmap.support.EventStreams.live(prefix, changes);
    }

    @Operation(summary = "一键转换: switch an area into flood mode for a scenario and warning level, or raise the level; "
            + "202 with the plan job to watch")
    @Post("/flood-mode")
    HttpResponse<EvacuationService.Plan> floodMode(@Nullable @Body String json, Authentication auth) {
        FloodModeBody b = required(StrictJson.read(json, FloodModeBody.class));
        Caller caller = Caller.of(auth);
        EvacuationService.Started s = evacuation.switchOn(caller, b.area(), b.scenario(), b.warningLevel());
        return HttpResponse.accepted(URI.create("/api/evacuation/plans/" + s.planId()))
                .body(evacuation.plan(caller, s.planId()).orElseThrow());
    }

    @Operation(summary = "Active evacuations in the caller's area")
    @Get("/evacuations")
    List<EvacuationService.Evacuation> evacuations(Authentication auth) {
        return evacuation.evacuations(Caller.of(auth));
    }

    @Operation(summary = "One evacuation")
    @Get("/evacuations/{id}")
    EvacuationService.Evacuation evacuation(@PathVariable long id, Authentication auth) {
        return evacuation.evacuation(Caller.of(auth), id);
    }

    @Operation(summary = "End an evacuation (stand down)")
    @Post("/evacuations/{id}/end")
    EvacuationService.Evacuation end(@PathVariable long id, Authentication auth) {
        return evacuation.end(Caller.of(auth), id);
    }

    @Operation(summary = "A plan job: status, phase, progress, and when done its figures (placed, unplaced by street "
            + "and reason, distances against the lower bound, cadres)")
    @Get("/plans/{id}")
    EvacuationService.Plan plan(@PathVariable long id, Authentication auth) {
        return evacuation.plan(Caller.of(auth), id)
                .orElseThrow(() -> ProblemException.notFound("plan", String.valueOf(id)));
    }

    @Operation(summary = "Shelters with status, occupancy, places reserved by plans, and why one takes no households")
    @Get("/shelters")
    List<EvacuationService.ShelterView> shelters(Authentication auth) {
        return evacuation.shelters(Caller.of(auth));
    }

    @Operation(summary = "Edit a shelter; closing or filling it re-places its households that are not there yet")
    @Patch("/shelters/{shelterId}")
    EvacuationService.ShelterView updateShelter(@PathVariable String shelterId, @Nullable @Body String json,
                                                Authentication auth) {
        ShelterBody b = required(StrictJson.read(json, ShelterBody.class));
        return evacuation.updateShelter(Caller.of(auth), shelterId, b.status(), b.statusReason(), b.capacity(),
                b.usableAreaM2(), b.accessible(), b.medical(), b.managerName(), b.managerPhone());
    }

    @Operation(summary = "安置点签到: check a household in at a shelter by the code on its transfer sheet; 409 with the "
            + "nearest shelters with room when full")
    @Post("/shelters/{shelterId}/check-ins")
    EvacuationService.CheckIn checkIn(@PathVariable String shelterId, @Nullable @Body String json,
                                      @Nullable @Header("Idempotency-Key") String key, Authentication auth) {
        CheckInBody b = required(StrictJson.read(json, CheckInBody.class));
        return evacuation.checkIn(Caller.of(auth), shelterId, b.code(), key);
    }

    @Operation(summary = "现场登记: register people who arrived without a transfer (members, vulnerable, contact_name, "
            + "phone, came_from, note); they take places at once; 409 with suggestions when full")
    @Post("/shelters/{shelterId}/walk-ins")
    EvacuationService.WalkIn walkIn(@PathVariable String shelterId, @Nullable @Body String json,
                                    @Nullable @Header("Idempotency-Key") String key, Authentication auth) {
        WalkInBody b = required(StrictJson.read(json, WalkInBody.class));
        return evacuation.walkIn(Caller.of(auth), shelterId, b.members(), b.vulnerable(), b.contactName(), b.phone(),
                b.cameFrom(), b.note(), key);
    }

    @Operation(summary = "The QR code of a check-in code as SVG (it encodes GM:<code> only; public, so a printed "
            + "sheet's images load without a token; nothing is looked up)")
    @Get(value = "/qr/{file}", produces = "image/svg+xml")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<String> qr(@PathVariable String file) {
        String code = file.endsWith(".svg") ? CheckInCode.normal(file.substring(0, file.length() - 4)) : null;
        if (code == null) {
            throw ProblemException.notFound("code", file);
        }
        return HttpResponse.ok(CheckInCode.svg(code)).contentType("image/svg+xml")
                .header("Cache-Control", "public, max-age=86400");
    }

    @Operation(summary = "A grid's transfers in order of urgency (contacts masked)")
    @Get("/transfers")
    EvacuationService.TransferPage transfers(@Nullable @QueryValue String grid,
                                             @QueryValue(defaultValue = "1") int page,
                                             @QueryValue(defaultValue = "100") int size, Authentication auth) {
        return evacuation.transfersOfGrid(Caller.of(auth), grid, page, size);
    }

    @Operation(summary = "A grid's evacuation routes (GeoJSON): building → shelter by road, avoiding deep water")
    @Get("/routes")
    Map<String, Object> routes(@Nullable @QueryValue String grid, Authentication auth) {
        return evacuation.gridRoutes(Caller.of(auth), grid);
    }

    @Operation(summary = "A transfer's event log")
    @Get("/transfers/{id}/events")
    List<EvacuationService.Event> events(@PathVariable long id, Authentication auth) {
        return evacuation.events(Caller.of(auth), id);
    }

    @Operation(summary = "Record a field update (NOTIFIED, MOVING, WITH_RELATIVES, RETURNED, REFUSED, UNREACHABLE); "
            + "the same Idempotency-Key gives the same event once")
    @Post("/transfers/{id}/events")
    EvacuationService.Event recordEvent(@PathVariable long id, @Nullable @Body String json,
                                        @Nullable @Header("Idempotency-Key") String key, Authentication auth) {
        EventBody b = required(StrictJson.read(json, EventBody.class));
        return evacuation.recordEvent(Caller.of(auth), id, b.status(), b.note(), key);
    }

    @Operation(summary = "The dashboard as CSV or XLSX (format csv|xlsx); transfers=true adds every transfer of the "
            + "area with contacts masked (text cells for IDs and phones); audited")
    @Get("/export")
    HttpResponse<byte[]> export(@Nullable @QueryValue String area, @QueryValue(defaultValue = "xlsx") String format,
                                @QueryValue(defaultValue = "false") String transfers, Authentication auth) {
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw ProblemException.invalidParameter("format", "csv or xlsx");
        }
        if (!transfers.equals("true") && !transfers.equals("false")) {
            throw ProblemException.invalidParameter("transfers", "true or false");
        }
        List<Sheets.Table> tables = evacuation.export(Caller.of(auth), area,
                transfers.equals("true"), format);
        String name = "gridmap-evacuation-" + (area == null ? "all" : area) + "." + format;
        return format.equals("csv")
                ? HttpResponse.ok(Sheets.csv(tables)).contentType("text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                : HttpResponse.ok(Sheets.xlsx(tables))
                        .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                        .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    @Operation(summary = "Live figures of active evacuations by child area, and shelter occupancy")
    @Get("/summary")
    EvacuationService.Summary summary(@Nullable @QueryValue String area, Authentication auth) {
        return evacuation.summary(Caller.of(auth), area);
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw ProblemException.badRequest(org.gridmap.support.ProblemTypes.BAD_REQUEST, "Body missing",
                    "send a JSON object");
        }
        return body;
    }
}

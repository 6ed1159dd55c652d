package org.gridmap.ticket;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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
import org.gridmap.support.StrictJson;
import org.gridmap.ticket.TicketModels.ActionRequest;
import org.gridmap.ticket.TicketModels.Category;
import org.gridmap.ticket.TicketModels.Detail;
import org.gridmap.ticket.TicketModels.Duplicate;
import org.gridmap.ticket.TicketModels.NewTicket;
import org.gridmap.ticket.TicketModels.Page;
import org.gridmap.ticket.TicketModels.Route;
import org.gridmap.ticket.TicketModels.Stats;
import org.gridmap.ticket.TicketModels.Ticket;

import java.util.List;

/** 工单 API (DESIGN §5): file, find, act on and count tickets. */
@Controller("/api/tickets")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "tickets")
class TicketController {
    /** The body of a reveal: why the contact is needed (audited). */
    record RevealRequest(@Nullable String reason) {}

    /** A category as a PUT sends it (the code is the path's; updated_at is the server's). */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = {"code", "updated_at"})
    record CategoryBody(String name, String nameEn, @Nullable String description, String department, int communityH,
                        int streetH, int districtH, int departmentH, boolean active) {}

    private final TicketService tickets;
    private final TicketQuery query;
    private final TicketFeed feed;

    TicketController(TicketService tickets, TicketQuery query, TicketFeed feed) {
        this.tickets = tickets;
        this.query = query;
        this.feed = feed;
    }

    @Operation(summary = "Server-Sent Events: every new or changed ticket in the caller's area (optionally ?area= a "
            + "code inside it) as event 'ticket' with {id, grid_code, status}, from every instance; a comment every "
            + "20 s keeps proxies from closing the stream")
    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.IO)
    org.reactivestreams.Publisher<io.micronaut.http.sse.Event<String>> stream(@Nullable @QueryValue String area,
                                                                              Authentication auth) {
        Caller caller = Caller.of(auth);
        String prefix = area == null ? caller.area() : area;
        if (!prefix.matches("\\d{0,15}") || !caller.covers(prefix)) {
            throw ProblemException.notFound("area", prefix);
        }
        reactor.core.publisher.Flux<io.micronaut.http.sse.Event<String>> changes = feed.changes()
                .filter(c -> c.gridCode().startsWith(prefix))
                .map(c -> io.micronaut.http.sse.Event.of("{\"id\":" + c.id() + ",\"grid_code\":\"" + c.gridCode()
                        + "\",\"status\":\"" + c.status() + "\"}").name("ticket").id(String.valueOf(c.id())));
        return org.gridmap.support.EventStreams.live(prefix, changes);
    }

    @Operation(summary = "The category catalogue: department and deadline hours per level (社区, 街道, 区级平台, 部门)")
    @Get("/categories")
    List<Category> categories() {
        return tickets.categories();
    }

    @Operation(summary = "Create or edit a category (district office): name, department, hours per level, active")
    @Put("/categories/{code}")
    Category saveCategory(@PathVariable String code, @Nullable @Body String json, Authentication auth) {
        CategoryBody b = StrictJson.read(json, CategoryBody.class);
        if (b == null) {
            throw ProblemException.invalidParameter("body", "the category as JSON (name, name_en, department, "
                    + "community_h, street_h, district_h, department_h, active)");
        }
        return tickets.saveCategory(Caller.of(auth), code, new Category(code, b.name(), b.nameEn(), b.description(),
                b.department(), b.communityH(), b.streetH(), b.districtH(), b.departmentH(), b.active(), null));
    }

    @Operation(summary = "Where a point would be routed: grid (containing it, or nearest with a flag), community, "
            + "street, district, distance to the grid's edge, whether staff must confirm")
    @Get("/route")
    Route route(@QueryValue double lon, @QueryValue double lat) {
        return tickets.route(lon, lat);
    }

    @Operation(summary = "Open tickets of a category near a point (default radius gridmap.tickets.duplicate-radius-m, "
            + "50 m) filed in the duplicate window: suggestions while filing")
    @Get("/duplicates")
    List<Duplicate> duplicates(@QueryValue double lon, @QueryValue double lat, @QueryValue String category,
                               @Nullable @QueryValue("radius_m") Double radiusM, Authentication auth) {
        Caller caller = Caller.of(auth);
        return tickets.duplicates(lon, lat, category, radiusM, null).stream()
                .filter(d -> caller.covers(d.gridCode())).toList();
    }

    @Operation(summary = "File a ticket at a point. Requires an Idempotency-Key header: the same key and body give "
            + "the same ticket and response (Idempotent-Replayed: true); the same key with another body gives 422")
    @Post(produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> create(@Nullable @Body String json, @Nullable @Header("Idempotency-Key") String key,
                                Authentication auth) {
        NewTicket body = StrictJson.read(json, NewTicket.class);
        if (body == null) {
            throw ProblemException.badRequest(ProblemTypes.BAD_REQUEST, "Bad request", "the body is empty: send the "
                    + "ticket as JSON (category, description, lon, lat …)");
        }
        if (key == null || key.isBlank()) {
            throw ProblemException.badRequest(ProblemTypes.IDEMPOTENCY_KEY_MISSING, "Idempotency-Key missing",
                    "POST /api/tickets needs an Idempotency-Key header (e.g. a UUID made once per ticket and "
                            + "reused on every retry), so that a retry never files a ticket twice");
        }
        if (key.length() > 255 || !key.matches("[\\x21-\\x7e]+")) {
            throw ProblemException.badRequest(ProblemTypes.IDEMPOTENCY_KEY_MISSING, "Idempotency-Key invalid",
                    "the Idempotency-Key must be 1–255 visible ASCII characters");
        }
        TicketService.Filed f = tickets.file(Caller.of(auth), null, body, key);
        return HttpResponse.<String>status(HttpStatus.CREATED).body(f.body()).contentType(MediaType.APPLICATION_JSON)
                .header("Location", "/api/tickets/" + f.ticketId())
                .header("Idempotent-Replayed", String.valueOf(f.replayed()));
    }

    @Operation(summary = "Tickets in the caller's area, newest first; filters: bbox=W,S,E,N, near=lon,lat with "
            + "radius_m, grid, area (code prefix), polygon (WKT, EPSG:4326), status, category, level, source "
            + "(comma lists), overdue=true|false, from/to (filing time); paged")
    @Get
    Page list(@Nullable @QueryValue String bbox, @Nullable @QueryValue String near,
              @Nullable @QueryValue("radius_m") Double radiusM, @Nullable @QueryValue String grid,
              @Nullable @QueryValue String area, @Nullable @QueryValue String polygon,
              @Nullable @QueryValue String status, @Nullable @QueryValue String category,
              @Nullable @QueryValue String level, @Nullable @QueryValue("overdue") String overdue,
              @Nullable @QueryValue String from, @Nullable @QueryValue String to, @Nullable @QueryValue String source,
              @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size, Authentication auth) {
        return query.list(Caller.of(auth), new TicketQuery.Filter(bbox, near, radiusM, grid, area, polygon, status,
                category, level, bool("overdue", overdue), from, to, source), page == null ? 1 : page,
                size == null ? 50 : size);
    }

    /** true or false, exactly; anything else is a 400 rather than "no filter". */
    private static Boolean bool(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalidParameter(name, "must be true or false");
        };
    }

    @Operation(summary = "Figures for an area and period: received, 办结率, 按时办结率, average hours to resolve, 满意度, "
            + "backlog, overdue; per child area and in total; definitions included")
    @Get("/stats")
    Stats stats(@QueryValue String area, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                Authentication auth) {
        return query.stats(Caller.of(auth), area, from, to);
    }

    @Operation(summary = "A ticket (by its id or its number, e.g. 2026-000123) with its history (who, when, what, why), department calls (吹哨报到); contact masked")
    @Get("/{id}")
    Detail get(@PathVariable String id, Authentication auth) {
        Caller caller = Caller.of(auth);
        return tickets.get(caller, tickets.resolveId(caller, id));
    }

    @Operation(summary = "The reporter's name and phone, and the description and address, in clear (roles that read "
            + "personal data; body {\"reason\": \"…\"} is required and audited)")
    @Post("/{id}/reveal")
    Ticket reveal(@PathVariable String id, @Nullable @Body String json, Authentication auth) {
        RevealRequest body = StrictJson.read(json, RevealRequest.class);
        Caller caller = Caller.of(auth);
        return tickets.reveal(caller, tickets.resolveId(caller, id), body == null ? null : body.reason());
    }

    @Operation(summary = "A transition: dispatch, start, resolve, visit (rating 1–5), close, return (reason), reopen "
            + "(reason), escalate (reason), reroute (grid_code), call (departments), report (department), "
            + "link-duplicate (duplicate_of). 409 when the ticket's status does not allow it")
    @Post("/{id}/actions/{action}")
    Detail act(@PathVariable String id, @PathVariable String action, @Nullable @Body String json,
               Authentication auth) {
        ActionRequest body = StrictJson.read(json, ActionRequest.class);
        Action a = Action.parse(action).orElseThrow(() -> ProblemException.notFound("action", action)
                .with("actions", java.util.Arrays.stream(Action.values()).map(Action::urlName).toList()));
        Caller caller = Caller.of(auth);
        return tickets.act(caller, tickets.resolveId(caller, id), a, body);
    }
}

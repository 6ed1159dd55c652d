package org.gridmap.ticket;

import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.gridmap.security.Audit;
import org.gridmap.security.Caller;
import org.gridmap.security.Role;
import org.gridmap.support.Db;
import org.gridmap.support.ServiceEnvelope;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;
import org.gridmap.support.Texts;
import org.gridmap.ticket.TicketModels.ActionRequest;
import org.gridmap.ticket.TicketModels.Category;
import org.gridmap.ticket.TicketModels.Detail;
import org.gridmap.ticket.TicketModels.Duplicate;
import org.gridmap.ticket.TicketModels.NewTicket;
import org.gridmap.ticket.TicketModels.Route;
import org.gridmap.ticket.TicketModels.Ticket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tickets (DESIGN §5): filing with routing and idempotency, transitions with an event each, the escalation sweep,
 * duplicate suggestions. Every change and its event commit in one transaction.
 */
@Singleton
public class TicketService {
    static final Set<String> SOURCES = Set.of("HOTLINE_3650000", "HOTLINE_12345", "PATROL", "RESIDENT", "WEB", "OPEN311");

    /** The result of filing: the response body and whether it is a replay of an earlier request with the same key. */
    public record Filed(String body, long ticketId, boolean replayed) {}

    private final Db db;
    private final TicketRepository tickets;
    private final TicketConfig config;
    private final ServiceEnvelope envelope;
    private final JsonMapper json;
    private final Audit audit;

    TicketService(Db db, TicketRepository tickets, TicketConfig config, ServiceEnvelope envelope, JsonMapper json,
                  Audit audit) {
        this.db = db;
        this.tickets = tickets;
        this.config = config;
        this.envelope = envelope;
        this.json = json;
        this.audit = audit;
    }

    public TicketConfig config() {
        return config;
    }

    // ------------------------------------------------------------------------------------------------ catalogue

    public List<Category> categories() {
        return db.read(tickets::categories);
    }

    public Category category(String code) {
        return db.read(c -> tickets.category(c, code)).orElseThrow(() -> ProblemException.notFound("category", code));
    }

    public Category saveCategory(Caller caller, String code, Category k) {
        if (caller.role() != Role.ADMIN && caller.role() != Role.DISTRICT_OFFICE) {
            throw ProblemException.forbidden("only the district office edits the ticket categories");
        }
        if (!code.matches("[A-Z][A-Z0-9_]{1,31}")) {
            throw ProblemException.invalidParameter("code", "must be 2–32 capital letters, digits or _, e.g. FLOOD");
        }
        require(k.name() != null && !k.name().isBlank() && k.name().length() <= 60, "name", "1–60 characters");
        require(k.nameEn() != null && !k.nameEn().isBlank() && k.nameEn().length() <= 80, "name_en", "1–80 characters");
        require(k.department() != null && !k.department().isBlank() && k.department().length() <= 60, "department",
                "1–60 characters");
        for (int h : new int[] {k.communityH(), k.streetH(), k.districtH(), k.departmentH()}) {
            require(h >= 1 && h <= 2160, "community_h/street_h/district_h/department_h", "hours between 1 and 2160");
        }
        Category saved = new Category(code, k.name().strip(), k.nameEn().strip(),
                k.description() == null ? "" : k.description(), k.department().strip(), k.communityH(), k.streetH(),
                k.districtH(), k.departmentH(), k.active(), null);
        db.tx(c -> {
            tickets.upsertCategory(c, saved);
            audit.record(c, caller.username(), caller.role().name(), "TICKET_CATEGORY_SAVE", "ticket_category", code,
                    caller.area(), Map.of("department", saved.department()), null);
            return null;
        });
        return category(code);
    }

    // ------------------------------------------------------------------------------------------------ filing

    public Route route(double lon, double lat) {
        checkPoint(lon, lat);
        return near(db.read(c -> tickets.route(c, lon, lat, config.boundaryConfirmM()))
                .orElseThrow(() -> ProblemException.unprocessable(ProblemTypes.TICKET_LOCATION, "No grid",
                        "there is no current grid to route the point to")), lon, lat);
    }

    /** A route to a grid the point is not in is accepted only when that grid is near (outside the district: 422). */
    private Route near(Route r, double lon, double lat) {
        if (r.routing().equals("NEAREST") && r.boundaryM() > config.maxNearestGridM()) {
            throw ProblemException.unprocessable(ProblemTypes.TICKET_LOCATION, "Point outside the district",
                    String.format("(%.6f, %.6f) lies %.1f km from the nearest grid (%s), outside the district's grids; "
                            + "check the location (or longitude and latitude swapped)", lon, lat, r.boundaryM() / 1000,
                            r.gridCode())).with("parameter", "lon/lat");
        }
        return r;
    }

    public List<Duplicate> duplicates(double lon, double lat, String category, Double radiusM, Long exclude) {
        checkPoint(lon, lat);
        double r = radiusM == null ? config.duplicateRadiusM() : radiusM;
        if (r <= 0 || r > 5000) {
            throw ProblemException.invalidParameter("radius_m", "must be 0–5000 metres");
        }
        return db.read(c -> tickets.duplicates(c, lon, lat, category, config.duplicateWindowHours(), r, exclude));
    }

    /**
     * Files a ticket. With an idempotency key, the first request's response is stored with the ticket in one
     * transaction; a retry with the same key and body gets that response again, a different body gets 422.
     *
     * @param key the Idempotency-Key (null: none; the caller decides whether that is allowed)
     */
    public Filed file(Caller caller, String source, NewTicket t, String key) {
        String src = source != null ? source : t.source() == null ? "WEB" : t.source();
        validate(src, t);
        String hash = hash(src, t);
        if (key != null) {
            Optional<Filed> earlier = replay(caller, key, hash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        try {
            return db.tx(c -> {
                Category k = tickets.category(c, t.category()).filter(Category::active)
                        .orElseThrow(() -> ProblemException.of(ProblemTypes.INVALID_CONTENT,
                                "Unknown category", "category '" + t.category() + "' is not in the catalogue (GET "
                                        + "/api/tickets/categories lists them)").with("parameter", "category"));
                Route r = near(tickets.route(c, t.lon(), t.lat(), config.boundaryConfirmM())
                        .orElseThrow(() -> ProblemException.unprocessable(ProblemTypes.TICKET_LOCATION, "No grid",
                                "there is no current grid to route the point to")), t.lon(), t.lat());
                List<Duplicate> dups = tickets.duplicates(c, t.lon(), t.lat(), k.code(),
                        config.duplicateWindowHours(), config.duplicateRadiusM(), null);
                long id = tickets.insert(c, src, k, t, r, caller.username());
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("grid_code", r.gridCode());
                data.put("routing", r.routing());
                data.put("boundary_m", r.boundaryM());
                data.put("needs_confirmation", r.needsConfirmation());
                data.put("department", k.department());
                data.put("possible_duplicates", dups.stream().map(Duplicate::id).toList());
                tickets.event(c, id, caller.username(), "CREATE", null, Status.PENDING.name(), null,
                        Level.COMMUNITY.name(), null, data);
                Detail d = detail(c, id, false, dups, caller);
                String body = toJson(d);
                if (key != null && !tickets.claim(c, caller.username(), key, hash, id, body)) {
                    throw new KeyTaken(); // a concurrent request with this key committed first
                }
                return new Filed(body, id, false);
            });
        } catch (KeyTaken e) {
            return replay(caller, key, hash).orElseThrow(() -> new IllegalStateException("idempotency key vanished"));
        }
    }

    String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super(null, null, false, false);
        }
    }

    private Optional<Filed> replay(Caller caller, String key, String hash) {
        return db.read(c -> tickets.stored(c, caller.username(), key)).map(st -> {
            if (!st.requestHash().equals(hash)) {
                throw ProblemException.unprocessable(ProblemTypes.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key reused",
                        "this Idempotency-Key was used for a different request (ticket " + st.ticketId()
                                + "); use a new key for a new ticket");
            }
            return new Filed(st.response(), st.ticketId(), true);
        });
    }

    private void validate(String source, NewTicket t) {
        require(SOURCES.contains(source), "source", "must be one of " + String.join(", ", SOURCES.stream().sorted().toList()));
        require(t.category() != null && !t.category().isBlank(), "category", "is required (a category code, e.g. FLOOD)");
        require(t.description() != null && !t.description().isBlank() && t.description().length() <= 4000,
                "description", "is required, up to 4000 characters");
        require(t.address() == null || t.address().length() <= 300, "address", "up to 300 characters");
        require(t.lon() != null && t.lat() != null, "lon/lat", "are required: the point in EPSG:4326 (WGS 84 / "
                + "CGCS2000), e.g. lon 122.84, lat 45.62");
        checkPoint(t.lon(), t.lat());
        require(t.reporterName() == null || t.reporterName().length() <= 60, "reporter_name", "up to 60 characters");
        Texts.check("category", t.category(), false);
        Texts.check("description", t.description(), true);
        Texts.check("address", t.address(), false);
        Texts.check("reporter_name", t.reporterName(), false);
        require(t.reporterPhone() == null || t.reporterPhone().matches("[0-9+\\- ]{3,30}"), "reporter_phone",
                "digits, +, - or spaces, up to 30");
        require(t.photos() == null || t.photos().size() <= 10 && t.photos().stream().allMatch(
                u -> u != null && u.length() <= 500 && u.matches("(?i)https?://\\S+")), "photos",
                "up to 10 http(s) URLs");
    }

    private void checkPoint(double lon, double lat) {
        ServiceEnvelope e = envelope;
        boolean swapped = lat >= e.minLon() && lat <= e.maxLon() && lon >= e.minLat() && lon <= e.maxLat();
        if (!Double.isFinite(lon) || !Double.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
            throw ProblemException.invalidParameter("lon/lat", "must be longitude and latitude in degrees (EPSG:4326)"
                    + (swapped ? "; longitude and latitude look swapped" : ""));
        }
        if (lon < e.minLon() || lon > e.maxLon() || lat < e.minLat() || lat > e.maxLat()) {
            throw ProblemException.unprocessable(ProblemTypes.TICKET_LOCATION, "Point outside the service area",
                    "(" + lon + ", " + lat + ") is outside the service area " + e.minLon() + "–" + e.maxLon()
                            + " E, " + e.minLat() + "–" + e.maxLat() + " N"
                            + (swapped ? "; longitude and latitude look swapped" : ""));
        }
    }

    private static void require(boolean ok, String field, String rule) {
        if (!ok) {
            throw ProblemException.invalidParameter(field, rule);
        }
    }

    /** SHA-256 of the request's content in a fixed order, so key order and whitespace do not matter. */
    private static String hash(String source, NewTicket t) {
        String canonical = String.join("\u001f", source, t.category(), t.description(), String.valueOf(t.address()),
                String.valueOf(t.lon()), String.valueOf(t.lat()), String.valueOf(t.reporterName()),
                String.valueOf(t.reporterPhone()), String.valueOf(t.photos()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ reading

    /**
     * A ticket's id from what a caller gives: the id (digits) or the number told to the reporter (2026-000123).
     * Anything else, and a number that does not exist, is 404 like a ticket outside the caller's area.
     */
    public long resolveId(Caller caller, String idOrNumber) {
        if (idOrNumber.matches("\\d{1,18}")) {
            return Long.parseLong(idOrNumber);
        }
        if (idOrNumber.matches("\\d{4}-\\d{6,12}")) {
            return db.read(c -> tickets.idByNumber(c, idOrNumber))
                    .orElseThrow(() -> ProblemException.notFound("ticket", idOrNumber));
        }
        throw ProblemException.notFound("ticket", idOrNumber);
    }

    public Detail get(Caller caller, long id) {
        return db.read(c -> {
            Detail d = detail(c, id, false, null, caller);
            visible(caller, d.ticket());
            return d;
        });
    }

    /**
     * The reporter's contact in clear, audited: for roles that read personal data, and for the hotline when the
     * ticket waits for its follow-up call (回访: the operator calls the reporter back), not before.
     */
    public Ticket reveal(Caller caller, long id, String reason) {
        if (!caller.role().readsHouseholds() && !mayTake(caller, Action.VISIT)) {
            caller.requireHouseholdAccess();
        }
        if (reason == null || reason.strip().length() < 2 || reason.length() > 500) {
            throw ProblemException.invalidParameter("reason", "is required (2–500 characters): say why the reporter's "
                    + "contact is needed; it is written to the audit log");
        }
        Texts.check("reason", reason, false);
        return db.tx(c -> {
            Ticket t = tickets.find(c, id, true).orElseThrow(() -> ProblemException.notFound("ticket", String.valueOf(id)));
            visible(caller, t);
            if (!mayReveal(caller, t)) {
                throw ProblemException.forbidden("role " + caller.role() + " sees a reporter's contact only for the "
                        + "follow-up call (回访), when the ticket is " + Status.RESOLVED);
            }
            audit.record(c, caller.username(), caller.role().name(), "TICKET_REVEAL", "ticket", t.number(),
                    caller.area(), Map.of("fields", List.of("reporter_name", "reporter_phone", "description",
                            "address"), "reason", reason.strip()), null);
            return t;
        });
    }

    /** Who may see a reporter's contact in clear: roles that read personal data; the hotline for 回访 only. */
    static boolean mayReveal(Caller caller, Ticket t) {
        return caller.role().readsHouseholds()
                || mayTake(caller, Action.VISIT) && Action.VISIT.from.contains(Status.valueOf(t.status()));
    }

    static void visible(Caller caller, Ticket t) {
        if (!caller.covers(t.gridCode()) && !caller.username().equals(t.createdBy())) {
            throw ProblemException.notFound("ticket", String.valueOf(t.id()));
        }
    }

    Detail detail(Connection c, long id, boolean clear, List<Duplicate> dups, Caller caller) throws SQLException {
        Ticket t = tickets.find(c, id, clear).orElseThrow(() -> ProblemException.notFound("ticket", String.valueOf(id)));
        List<TicketModels.Call> calls = tickets.calls(c, id);
        return new Detail(t, tickets.events(c, id), calls, dups, allowed(caller, t, calls), mayReveal(caller, t));
    }

    // ------------------------------------------------------------------------------------------------ transitions

    /** The actions {@link #act} would accept from this caller on this ticket now (the same rules, checked first). */
    static List<TicketModels.Allowed> allowed(Caller caller, Ticket t, List<TicketModels.Call> calls) {
        List<TicketModels.Allowed> out = new ArrayList<>();
        if (!caller.covers(t.gridCode())) {
            return out;
        }
        Status status = Status.valueOf(t.status());
        Level level = Level.valueOf(t.level());
        for (Action a : Action.values()) {
            boolean ok = a.from.contains(status) && mayTake(caller, a) && switch (a) {
                case ESCALATE -> !level.isTop();
                case CALL -> level != Level.COMMUNITY && mayCall(caller);
                case REPORT -> calls.stream().anyMatch(k -> k.reportedAt() == null);
                default -> true;
            };
            if (ok) {
                out.add(new TicketModels.Allowed(a.urlName(), a.zh, a.required, a.optional));
            }
        }
        return out;
    }

    /**
     * Who may take an action, beside the caller's area: a grid worker does not dispatch work to itself; the hotline
     * does not start or resolve work; a follow-up (回访, with its rating) and closing are done by those who did not do
     * the work (hotline, street, district), so nobody rates their own work.
     */
    static boolean mayTake(Caller caller, Action a) {
        Role r = caller.role();
        return switch (a) {
            case DISPATCH -> r != Role.GRID_WORKER;
            case START, RESOLVE, RETURN -> r != Role.HOTLINE;
            case VISIT, CLOSE -> r == Role.ADMIN || r == Role.DISTRICT_OFFICE || r == Role.STREET_STAFF
                    || r == Role.HOTLINE;
            case CALL -> mayCall(caller);
            default -> true;
        };
    }

    private static boolean mayCall(Caller caller) {
        return caller.role() == Role.ADMIN || caller.role() == Role.DISTRICT_OFFICE || caller.role() == Role.STREET_STAFF;
    }

    public Detail act(Caller caller, long id, Action action, ActionRequest req) {
        ActionRequest r = req == null ? new ActionRequest(null, null, null, null, null, null, null, null) : req;
        if (r.reason() != null && r.reason().length() > 1000) {
            throw ProblemException.invalidParameter("reason", "up to 1000 characters");
        }
        if (r.note() != null && r.note().length() > 1000) {
            throw ProblemException.invalidParameter("note", "up to 1000 characters");
        }
        Texts.check("reason", r.reason(), true);
        Texts.check("note", r.note(), true);
        Texts.check("assignee", r.assignee(), false);
        Texts.check("department", r.department(), false);
        if (r.departments() != null) {
            r.departments().forEach(d -> Texts.check("departments", d, false));
        }
        return db.tx(c -> {
            TicketRepository.Locked t = tickets.lock(c, id)
                    .filter(x -> caller.covers(x.gridCode()))
                    .orElseThrow(() -> ProblemException.notFound("ticket", String.valueOf(id)));
            if (!mayTake(caller, action)) {
                throw ProblemException.forbidden("role " + caller.role() + " may not " + action.urlName() + " ("
                        + action.zh + ") a ticket");
            }
            if (!action.from.contains(t.status())) {
                throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.TICKET_TRANSITION, "Illegal transition",
                        action.urlName() + " (" + action.zh + ") is not allowed when the ticket is " + t.status()
                                + " (" + t.status().zh + "); allowed from " + action.from)
                        .with("ticket_status", t.status().name()).with("action", action.urlName());
            }
            if (action.needsReason && (r.reason() == null || r.reason().isBlank())) {
                throw ProblemException.invalidParameter("reason", "is required for " + action.urlName() + " ("
                        + action.zh + ")");
            }
            Status to = action.to == null ? t.status() : action.to;
            Level level = t.level();
            Level toLevel = level;
            Map<String, Object> data = new LinkedHashMap<>();
            switch (action) {
                case DISPATCH -> {
                    if (r.assignee() != null && r.assignee().length() > 60) {
                        throw ProblemException.invalidParameter("assignee", "up to 60 characters");
                    }
                    tickets.dispatch(c, id, to, r.assignee());
                    if (r.assignee() != null) {
                        data.put("assignee", r.assignee());
                    }
                }
                case START, RETURN -> tickets.setStatus(c, id, to);
                case RESOLVE -> tickets.resolve(c, id, to);
                case VISIT -> {
                    if (r.rating() == null || r.rating() < 1 || r.rating() > 5) {
                        throw ProblemException.invalidParameter("rating", "is required for visit (回访): 1 (very "
                                + "dissatisfied) to 5 (very satisfied)");
                    }
                    tickets.visit(c, id, to, r.rating());
                    data.put("rating", r.rating());
                }
                case CLOSE -> tickets.close(c, id, to);
                case REOPEN -> {
                    Category k = tickets.category(c, t.category()).orElseThrow();
                    tickets.reopen(c, id, to, k.hours(level));
                }
                case ESCALATE -> {
                    if (level.isTop()) {
                        throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.TICKET_TRANSITION,
                                "Illegal transition", "the ticket is already at the top level (部门)");
                    }
                    toLevel = level.next();
                    Category k = tickets.category(c, t.category()).orElseThrow();
                    tickets.escalate(c, id, toLevel, k.hours(toLevel));
                }
                case REROUTE -> {
                    String grid = r.gridCode();
                    if (grid == null || !grid.matches("\\d{15}") || !caller.covers(grid)) {
                        throw ProblemException.invalidParameter("grid_code", "a current grid in your area (15 digits)");
                    }
                    if (!tickets.reroute(c, id, grid)) {
                        throw ProblemException.invalidParameter("grid_code", "'" + grid + "' is not a current grid");
                    }
                    data.put("from_grid", t.gridCode());
                    data.put("to_grid", grid);
                }
                case CALL -> {
                    if (level == Level.COMMUNITY) {
                        throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.TICKET_TRANSITION,
                                "Illegal transition", "吹哨 (calling departments) is done from the street level up; "
                                + "escalate the ticket first");
                    }
                    if (!mayCall(caller)) {
                        throw ProblemException.forbidden("only street or district staff call departments (吹哨)");
                    }
                    List<String> deps = r.departments() == null ? List.of() : r.departments().stream()
                            .map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
                    if (deps.isEmpty() || deps.size() > 10 || deps.stream().anyMatch(s -> s.length() > 60)) {
                        throw ProblemException.invalidParameter("departments", "1–10 department names");
                    }
                    tickets.call(c, id, deps, caller.username(), r.note());
                    tickets.touch(c, id);
                    data.put("departments", deps);
                }
                case REPORT -> {
                    String d = r.department();
                    if (d == null || !tickets.report(c, id, d, r.note())) {
                        throw ProblemException.invalidParameter("department", "'" + d + "' was not called for this "
                                + "ticket");
                    }
                    tickets.touch(c, id);
                    data.put("department", d);
                }
                case LINK_DUPLICATE -> {
                    Long other = otherTicket(c, r.duplicateOf());
                    if (other == null || other == id) {
                        throw ProblemException.invalidParameter("duplicate_of", "the id of the ticket this one repeats");
                    }
                    TicketRepository.Locked o = tickets.lock(c, other).filter(x -> caller.covers(x.gridCode()))
                            .orElseThrow(() -> ProblemException.invalidParameter("duplicate_of", "ticket " + other
                                    + " does not exist or is outside your area"));
                    if (o.status() == Status.CLOSED) {
                        throw ProblemException.invalidParameter("duplicate_of", "ticket " + other + " is closed");
                    }
                    tickets.linkDuplicate(c, id, to, other);
                    tickets.event(c, other, caller.username(), "DUPLICATE_LINKED", o.status().name(),
                            o.status().name(), o.level().name(), o.level().name(), r.reason(), Map.of("duplicate", id));
                    data.put("duplicate_of", other);
                }
                default -> throw new IllegalStateException(action.name());
            }
            if (r.note() != null && !data.containsKey("note")) {
                data.put("note", r.note());
            }
            tickets.event(c, id, caller.username(), action.name(), t.status().name(), to.name(), level.name(),
                    toLevel.name(), r.reason(), data);
            return detail(c, id, false, null, caller);
        });
    }

    /** The ticket a body names by id (a whole number) or by number ("2026-000123"); null when it names none. */
    private Long otherTicket(Connection c, Object ref) throws SQLException {
        if (ref == null) {
            return null;
        }
        if (ref instanceof Integer || ref instanceof Long) {
            return ((Number) ref).longValue();
        }
        if (ref instanceof String s && s.strip().matches("\\d{1,18}")) {
            return Long.parseLong(s.strip());
        }
        if (ref instanceof String s && s.strip().matches("\\d{4}-\\d{6,12}")) {
            return tickets.idByNumber(c, s.strip()).orElseThrow(() -> ProblemException.invalidParameter(
                    "duplicate_of", "ticket " + s.strip() + " does not exist or is outside your area"));
        }
        throw ProblemException.invalidParameter("duplicate_of", "the id (a whole number) or the number (2026-000123) "
                + "of the ticket this one repeats");
    }

    // ------------------------------------------------------------------------------------------------ escalation

    /**
     * One escalation sweep: repeats batches until nothing is due. Safe to run on every instance at once (rows are
     * claimed with SKIP LOCKED in the same statement that moves them).
     *
     * @return tickets escalated, and tickets newly noted overdue at the top level
     */
    public int[] sweep() {
        int escalated = 0;
        int noted = 0;
        while (true) {
            int n = db.tx(c -> tickets.escalateDue(c, config.sweepBatch(), INSTANCE));
            escalated += n;
            if (n < config.sweepBatch()) {
                break;
            }
        }
        while (true) {
            int n = db.tx(c -> tickets.noteOverdueAtTop(c, config.sweepBatch()));
            noted += n;
            if (n < config.sweepBatch()) {
                break;
            }
        }
        return new int[] {escalated, noted};
    }

    /** This process, as named in escalation events (host:pid). */
    static final String INSTANCE = hostName() + ":" + ProcessHandle.current().pid();

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}

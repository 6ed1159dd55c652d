package org.gridmap.ticket;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.gridmap.security.Masking;
import org.gridmap.support.Rows;
import org.gridmap.support.Sql;
import org.gridmap.ticket.TicketModels.Call;
import org.gridmap.ticket.TicketModels.Category;
import org.gridmap.ticket.TicketModels.Duplicate;
import org.gridmap.ticket.TicketModels.Event;
import org.gridmap.ticket.TicketModels.Route;
import org.gridmap.ticket.TicketModels.Ticket;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.OffsetDateTime;

/**
 * The only SQL on tickets. Reporter contact, and phone or ID numbers in descriptions and addresses, come back masked
 * unless asked for in clear (audited by the caller).
 */
@Singleton
class TicketRepository {
    private final JsonMapper json;

    TicketRepository(JsonMapper json) {
        this.json = json;
    }

    List<Category> categories(Connection c) throws SQLException {
        List<Category> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/category_all")); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Category(rs.getString("code"), rs.getString("name"), rs.getString("name_en"),
                        rs.getString("description"), rs.getString("department"), rs.getInt("community_h"),
                        rs.getInt("street_h"), rs.getInt("district_h"), rs.getInt("department_h"),
                        rs.getBoolean("active"), Rows.time(rs, "updated_at")));
            }
        }
        return out;
    }

    Optional<Category> category(Connection c, String code) throws SQLException {
        return categories(c).stream().filter(k -> k.code().equals(code)).findFirst();
    }

    void upsertCategory(Connection c, Category k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/category_upsert"))) {
            ps.setString(1, k.code());
            ps.setString(2, k.name());
            ps.setString(3, k.nameEn());
            ps.setString(4, k.description());
            ps.setString(5, k.department());
            ps.setInt(6, k.communityH());
            ps.setInt(7, k.streetH());
            ps.setInt(8, k.districtH());
            ps.setInt(9, k.departmentH());
            ps.setBoolean(10, k.active());
            ps.executeUpdate();
        }
    }

    Optional<Long> idByNumber(Connection c, String number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/id_by_number"))) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    Optional<Route> route(Connection c, double lon, double lat, double confirmM) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/route"))) {
            ps.setDouble(1, lon);
            ps.setDouble(2, lat);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String routing = rs.getString("routing");
                double m = rs.getDouble("boundary_m");
                int hits = rs.getInt("hits");
                boolean confirm = !routing.equals("INSIDE") || m < confirmM || hits > 1;
                return Optional.of(new Route(rs.getString("grid_code"), rs.getString("community_code"),
                        rs.getString("street_code"), rs.getString("district_code"), routing, Math.round(m * 10) / 10.0,
                        confirm, routing.equals("INSIDE") ? hits : 0));
            }
        }
    }

    long insert(Connection c, String source, Category k, TicketModels.NewTicket t, Route r, String createdBy)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/insert"))) {
            ps.setString(1, source);
            ps.setString(2, k.code());
            ps.setString(3, t.description().strip());
            ps.setString(4, t.address());
            ps.setDouble(5, t.lon());
            ps.setDouble(6, t.lat());
            ps.setString(7, t.reporterName());
            ps.setString(8, t.reporterPhone());
            ps.setArray(9, c.createArrayOf("text", t.photos() == null ? new Object[0] : t.photos().toArray()));
            ps.setString(10, r.gridCode());
            ps.setString(11, r.communityCode());
            ps.setString(12, r.streetCode());
            ps.setString(13, r.districtCode());
            ps.setString(14, r.routing());
            ps.setDouble(15, r.boundaryM());
            ps.setBoolean(16, r.needsConfirmation());
            ps.setString(17, k.department());
            ps.setInt(18, k.communityH());
            ps.setString(19, createdBy);
            ps.setBoolean(20, Boolean.TRUE.equals(t.urgent()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void event(Connection c, long ticket, String actor, String action, String fromStatus, String toStatus,
               String fromLevel, String toLevel, String reason, Map<String, ?> data) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/event_insert"))) {
            ps.setLong(1, ticket);
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, fromStatus);
            ps.setString(5, toStatus);
            ps.setString(6, fromLevel);
            ps.setString(7, toLevel);
            ps.setString(8, reason);
            try {
                ps.setString(9, json.writeValueAsString(data == null ? Map.of() : data));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            ps.executeUpdate();
        }
    }

    Optional<Ticket> find(Connection c, long id, boolean clear) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/by_id"))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ticket(rs, clear)) : Optional.empty();
            }
        }
    }

    /** The row fields a transition needs, locked until the transaction ends. */
    record Locked(long id, Status status, Level level, String gridCode, String category) {}

    Optional<Locked> lock(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/for_update"))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Locked(rs.getLong("id"), Status.valueOf(rs.getString("status")),
                        Level.valueOf(rs.getString("level")), rs.getString("grid_code"), rs.getString("category_code")));
            }
        }
    }

    /** Runs one of the per-action UPDATEs of {@code sql/ticket/}; the parameters in the file's order. */
    private static int run(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/" + sql))) {
            int k = 1;
            for (Object a : args) {
                ps.setObject(k++, a);
            }
            return ps.executeUpdate();
        }
    }

    void setStatus(Connection c, long id, Status to) throws SQLException {
        run(c, "set_status", to.name(), id);
    }

    void dispatch(Connection c, long id, Status to, String assignee) throws SQLException {
        run(c, "dispatch", to.name(), assignee, id);
    }

    void resolve(Connection c, long id, Status to) throws SQLException {
        run(c, "resolve", to.name(), id);
    }

    void visit(Connection c, long id, Status to, int rating) throws SQLException {
        run(c, "visit", to.name(), rating, id);
    }

    void close(Connection c, long id, Status to) throws SQLException {
        run(c, "close", to.name(), id);
    }

    void reopen(Connection c, long id, Status to, int hours) throws SQLException {
        run(c, "reopen", to.name(), hours, id);
    }

    void escalate(Connection c, long id, Level to, int hours) throws SQLException {
        run(c, "escalate", to.name(), hours, id);
    }

    void linkDuplicate(Connection c, long id, Status to, long other) throws SQLException {
        run(c, "link_duplicate", to.name(), other, id);
    }

    /** Moves a ticket to a current grid; false (and nothing changed) when the grid is not current. */
    boolean reroute(Connection c, long id, String grid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/reroute"))) {
            ps.setLong(1, id);
            ps.setString(2, grid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Marks a change that lives in another table (a department call or report): updated_at moves and the ticket's
     *  trigger announces it to open maps. */
    void touch(Connection c, long id) throws SQLException {
        run(c, "touch", id);
    }

    /** 吹哨: calls departments to a ticket (a department already called is left as it is). */
    void call(Connection c, long id, List<String> departments, String by, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/call_insert"))) {
            for (String d : departments) {
                ps.setLong(1, id);
                ps.setString(2, d);
                ps.setString(3, by);
                ps.setString(4, note);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** 报到: a called department reports in; false when that department was not called to this ticket. */
    boolean report(Connection c, long id, String department, String note) throws SQLException {
        return run(c, "call_report", note, id, department) > 0;
    }

    /** Subscribes the connection to ticket changes (gm_ticket_notify in R__40_tickets.sql sends them). */
    void listen(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/listen"))) {
            ps.execute();
        }
    }

    // ------------------------------------------------------------------------------------------------ idempotency

    /** What an Idempotency-Key was used for. */
    record Stored(String requestHash, long ticketId, String response) {}

    /** Claims a key for a new ticket in its transaction; false when the key was used (by a concurrent request). */
    boolean claim(Connection c, String caller, String key, String hash, long ticketId, String response)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/idempotency_claim"))) {
            ps.setString(1, caller);
            ps.setString(2, key);
            ps.setString(3, hash);
            ps.setLong(4, ticketId);
            ps.setString(5, response);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    Optional<Stored> stored(Connection c, String caller, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/idempotency_get"))) {
            ps.setString(1, caller);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getString("request_hash"), rs.getLong("ticket_id"),
                        rs.getString("response"))) : Optional.empty();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ escalation

    /** One batch of the escalation sweep; the number of tickets moved up a level. */
    int escalateDue(Connection c, int batch, String instance) throws SQLException {
        return rows(c, "ticket/escalate_due", batch, instance);
    }

    /** One batch of noting top-level tickets newly overdue; the number noted. */
    int noteOverdueAtTop(Connection c, int batch) throws SQLException {
        return rows(c, "ticket/overdue_top", batch);
    }

    private static int rows(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get(sql))) {
            int k = 1;
            for (Object a : args) {
                ps.setObject(k++, a);
            }
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }

    // ------------------------------------------------------------------------------------------------ lists

    /**
     * What a list asks for, already validated; null means "any". {@code scope} is the caller's area (every ticket
     * whose grid code starts with it), and {@code caller}'s own tickets are always included.
     */
    record Criteria(String scope, String caller, double[] bbox, double[] near, Double radiusM, String grid,
                    String area, String polygonWkt, List<String> statuses, List<String> categories,
                    List<String> levels, List<String> sources, List<String> numbers, Boolean overdue,
                    OffsetDateTime from, OffsetDateTime to) {}

    /** One page of tickets and the total matching (-1 when asked past the last page). */
    record Found(long total, List<Ticket> tickets) {}

    Found list(Connection c, Criteria q, int limit, int offset) throws SQLException {
        List<Ticket> out = new ArrayList<>();
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/list"))) {
            // planned with the values, so unused filters fold away and used ones can take their index
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
            int k = 1;
            ps.setString(k++, q.scope());
            ps.setString(k++, q.caller());
            for (int i = 0; i < 4; i++) {
                ps.setObject(k++, q.bbox() == null ? null : q.bbox()[i], Types.DOUBLE);
            }
            ps.setObject(k++, q.near() == null ? null : q.near()[0], Types.DOUBLE);
            ps.setObject(k++, q.near() == null ? null : q.near()[1], Types.DOUBLE);
            ps.setObject(k++, q.near() == null ? null : q.radiusM(), Types.DOUBLE);
            ps.setString(k++, q.grid());
            ps.setString(k++, q.area());
            ps.setString(k++, q.polygonWkt());
            for (List<String> list : List.of(opt(q.statuses()), opt(q.categories()), opt(q.levels()), opt(q.sources()),
                    opt(q.numbers()))) {
                ps.setArray(k++, list.isEmpty() ? null : c.createArrayOf("text", list.toArray()));
            }
            ps.setObject(k++, q.overdue(), Types.BOOLEAN);
            ps.setObject(k++, q.from(), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(k++, q.to(), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setInt(k++, limit);
            ps.setInt(k, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(ticket(rs, false));
                    total = rs.getLong("total");
                }
            }
        }
        return new Found(out.isEmpty() && offset > 0 ? -1 : total, out);
    }

    private static List<String> opt(List<String> l) {
        return l == null ? List.of() : l;
    }

    /** Counts for an area and period: one row per child area and the total (child null). */
    record Counts(String child, long received, long resolved, long resolvedOnTime, Double avgHoursToResolve,
                  long rated, long satisfied, long backlog, long overdue) {}

    List<Counts> stats(Connection c, int childLength, String area, OffsetDateTime from, OffsetDateTime to)
            throws SQLException {
        List<Counts> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/stats"))) {
            ps.setInt(1, childLength);
            ps.setString(2, area + "%");
            ps.setObject(3, from);
            ps.setObject(4, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double avg = rs.getDouble("avg_hours_to_resolve");
                    Double avgHours = rs.wasNull() ? null : avg;
                    out.add(new Counts(rs.getString("child"), rs.getLong("received"), rs.getLong("resolved"),
                            rs.getLong("resolved_on_time"), avgHours, rs.getLong("rated"), rs.getLong("satisfied"),
                            rs.getLong("backlog"), rs.getLong("overdue")));
                }
            }
        }
        return out;
    }

    List<Event> events(Connection c, long id) throws SQLException {
        List<Event> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/events"))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Event(rs.getLong("id"), Rows.time(rs, "at"), rs.getString("actor"),
                            rs.getString("action"), rs.getString("from_status"), rs.getString("to_status"),
                            rs.getString("from_level"), rs.getString("to_level"), rs.getString("reason"),
                            parse(rs.getString("data"))));
                }
            }
        }
        return out;
    }

    List<Call> calls(Connection c, long id) throws SQLException {
        List<Call> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/calls"))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Call(rs.getString("department"), Rows.time(rs, "called_at"), rs.getString("called_by"),
                            Rows.time(rs, "reported_at"), Rows.time(rs, "done_at"), rs.getString("note")));
                }
            }
        }
        return out;
    }

    List<Duplicate> duplicates(Connection c, double lon, double lat, String category, int windowHours, double radiusM,
                               Long exclude) throws SQLException {
        List<Duplicate> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/duplicates"))) {
            ps.setDouble(1, lon);
            ps.setDouble(2, lat);
            ps.setString(3, category);
            ps.setInt(4, windowHours);
            ps.setDouble(5, radiusM / 60_000.0); // degrees, generous at Chinese latitudes (a prefilter only)
            ps.setDouble(6, radiusM);
            if (exclude == null) {
                ps.setNull(7, Types.BIGINT);
            } else {
                ps.setLong(7, exclude);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Duplicate(rs.getLong("id"), rs.getString("number"), rs.getString("status"),
                            Masking.text(rs.getString("description")), Rows.time(rs, "created_at"),
                            rs.getString("grid_code"),
                            Math.round(rs.getDouble("distance_m") * 10) / 10.0));
                }
            }
        }
        return out;
    }

    /** A ticket from a row of by_id.sql or list.sql. */
    static Ticket ticket(ResultSet rs, boolean clear) throws SQLException {
        Array photos = rs.getArray("photos");
        String name = rs.getString("reporter_name");
        String phone = rs.getString("reporter_phone");
        long dup = rs.getLong("duplicate_of");
        Long duplicateOf = rs.wasNull() ? null : dup;
        boolean onTime = rs.getBoolean("resolved_on_time");
        Boolean resolvedOnTime = rs.wasNull() ? null : onTime;
        Level level = Level.valueOf(rs.getString("level"));
        Status status = Status.valueOf(rs.getString("status"));
        return new Ticket(rs.getLong("id"), rs.getString("number"), rs.getString("source"),
                rs.getString("category_code"), rs.getString("category_name"), rs.getString("category_name_en"),
                clear ? rs.getString("description") : Masking.text(rs.getString("description")),
                clear ? rs.getString("address") : Masking.text(rs.getString("address")), rs.getDouble("lon"),
                rs.getDouble("lat"), clear ? name : Masking.name(name), clear ? phone : Masking.phone(phone),
                photos == null ? List.of() : Arrays.asList((String[]) photos.getArray()), rs.getString("grid_code"),
                rs.getString("community_code"), rs.getString("street_code"), rs.getString("district_code"),
                rs.getString("routing"), rs.getDouble("boundary_m"), rs.getBoolean("needs_confirmation"),
                level.name(), level.zh, rs.getString("department"), rs.getString("assignee"), status.name(), status.zh,
                Rows.time(rs, "due_at"), rs.getBoolean("overdue"), rs.getInt("auto_escalations"),
                rs.getString("created_by"), Rows.time(rs, "created_at"), Rows.time(rs, "updated_at"),
                Rows.time(rs, "resolved_at"), resolvedOnTime, Rows.time(rs, "closed_at"),
                Rows.intOrNull(rs, "rating"), duplicateOf, rs.getBoolean("urgent"));
    }

    private Object parse(String text) {
        try {
            return json.readValue(text, Object.class);
        } catch (IOException e) {
            return Map.of();
        }
    }
}

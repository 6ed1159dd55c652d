package org.gridmap.ticket;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.gridmap.security.Caller;
import org.gridmap.support.Db;
import org.gridmap.support.ProblemException;
import org.gridmap.support.Sql;
import org.gridmap.ticket.TicketModels.Figures;
import org.gridmap.ticket.TicketModels.Page;
import org.gridmap.ticket.TicketModels.Stats;
import org.gridmap.ticket.TicketModels.Ticket;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.valid.IsValidOp;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Finding tickets (map lookups and lists) and counting them (办结率 and the rest). */
@Singleton
public class TicketQuery {
    /** The list filters; every one optional. Values are validated here and bound in SQL. */
    public record Filter(@Nullable String bbox, @Nullable String near, @Nullable Double radiusM, @Nullable String grid,
                         @Nullable String area, @Nullable String polygon, @Nullable String status,
                         @Nullable String category, @Nullable String level, @Nullable Boolean overdue,
                         @Nullable String from, @Nullable String to, @Nullable String source,
                         @Nullable String numbers) {
        public Filter(String bbox, String near, Double radiusM, String grid, String area, String polygon, String status,
                      String category, String level, Boolean overdue, String from, String to, String source) {
            this(bbox, near, radiusM, grid, area, polygon, status, category, level, overdue, from, to, source, null);
        }
    }

    private final Db db;

    TicketQuery(Db db) {
        this.db = db;
    }

    public Page list(Caller caller, Filter f, int page, int size) {
        if (page < 1 || size < 1 || size > 1000) {
            throw ProblemException.invalidParameter("page/size", "page ≥ 1 and 1 ≤ size ≤ 1000");
        }
        StringBuilder where = new StringBuilder(" AND (t.grid_code LIKE ? OR t.created_by = ?)");
        List<Object> args = new ArrayList<>(List.of(caller.area() + "%", caller.username()));
        if (f.bbox() != null) {
            double[] b = numbers("bbox", f.bbox(), 4);
            if (b[0] >= b[2] || b[1] >= b[3]) {
                throw ProblemException.invalidParameter("bbox", "is minLon,minLat,maxLon,maxLat with min < max");
            }
            where.append(" AND t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)");
            for (double v : b) {
                args.add(v);
            }
        }
        if (f.near() != null) {
            double[] p = numbers("near", f.near(), 2);
            double r = f.radiusM() == null ? 500 : f.radiusM();
            if (!(r > 0 && r <= 50_000)) {
                throw ProblemException.invalidParameter("radius_m", "must be 0–50000 metres");
            }
            where.append(" AND t.geom && ST_Expand(ST_SetSRID(ST_MakePoint(?, ?), 4326), ?) AND ST_DWithin(t.geom::geography, "
                    + "ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)");
            args.addAll(List.of(p[0], p[1], r / 60_000.0, p[0], p[1], r));
        }
        if (f.grid() != null) {
            if (!f.grid().matches("\\d{15}")) {
                throw ProblemException.invalidParameter("grid", "must be a 15-digit grid code");
            }
            where.append(" AND t.grid_code = ?");
            args.add(f.grid());
        }
        if (f.area() != null) {
            if (!f.area().matches("\\d{6}|\\d{9}|\\d{12}|\\d{15}")) {
                throw ProblemException.invalidParameter("area", "must be a 6-, 9-, 12- or 15-digit code");
            }
            where.append(" AND t.grid_code LIKE ?");
            args.add(f.area() + "%");
        }
        if (f.polygon() != null) {
            where.append(" AND ST_Intersects(t.geom, ST_GeomFromText(?, 4326))");
            args.add(polygon(f.polygon()));
        }
        inList(where, args, "t.status", "status", f.status(), Arrays.stream(Status.values()).map(Enum::name).toList());
        inList(where, args, "t.category_code", "category", f.category(), null);
        inList(where, args, "t.level", "level", f.level(), Arrays.stream(Level.values()).map(Enum::name).toList());
        inList(where, args, "t.source", "source", f.source(), TicketService.SOURCES.stream().sorted().toList());
        if (f.numbers() != null) {
            List<String> ns = Arrays.stream(f.numbers().split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
            if (ns.isEmpty() || ns.size() > 100 || ns.stream().anyMatch(x -> !x.matches("\\d{4}-\\d{6,}"))) {
                throw ProblemException.invalidParameter("service_request_id", "comma-separated ticket numbers such as "
                        + "2026-000123 (at most 100)");
            }
            where.append(" AND t.number = ANY (?)");
            args.add(ns.toArray(new String[0]));
        }
        if (f.overdue() != null) {
            where.append(f.overdue()
                    ? " AND t.status IN ('PENDING', 'DISPATCHED', 'IN_PROGRESS', 'RETURNED', 'REOPENED') AND t.due_at < now()"
                    : " AND NOT (t.status IN ('PENDING', 'DISPATCHED', 'IN_PROGRESS', 'RETURNED', 'REOPENED') AND t.due_at < now())");
        }
        if (f.from() != null) {
            where.append(" AND t.created_at >= ?");
            args.add(time("from", f.from()));
        }
        if (f.to() != null) {
            where.append(" AND t.created_at < ?");
            args.add(time("to", f.to()));
        }
        String sql = Sql.get("ticket/list").replace("/*filters*/", where.toString());
        return db.read(c -> {
            List<Ticket> out = new ArrayList<>();
            long total = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int k = 1;
                for (Object a : args) {
                    ps.setObject(k++, a);
                }
                ps.setInt(k++, size);
                ps.setInt(k, (page - 1) * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(TicketRepository.ticket(rs, false));
                        total = rs.getLong("total");
                    }
                }
            }
            if (out.isEmpty() && page > 1) {
                total = -1; // unknown beyond the last page; the client asked past the end
            }
            return new Page(total, page, size, out);
        });
    }

    public Stats stats(Caller caller, String area, @Nullable String from, @Nullable String to) {
        if (!area.matches("\\d{6}|\\d{9}|\\d{12}|\\d{15}")) {
            throw ProblemException.invalidParameter("area", "must be a 6-, 9-, 12- or 15-digit code");
        }
        if (!caller.covers(area)) {
            throw ProblemException.notFound("area", area);
        }
        OffsetDateTime a = from == null ? OffsetDateTime.parse("2000-01-01T00:00:00+08:00") : time("from", from);
        OffsetDateTime b = to == null ? OffsetDateTime.now().plusSeconds(1) : time("to", to);
        if (!a.isBefore(b)) {
            throw ProblemException.invalidParameter("from/to", "from must be before to");
        }
        int child = Math.min(15, area.length() + 3);
        return db.read(c -> {
            Figures total = null;
            List<Figures> children = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(Sql.get("ticket/stats"))) {
                ps.setInt(1, child);
                ps.setString(2, area + "%");
                ps.setObject(3, a);
                ps.setObject(4, b);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String code = rs.getString("child");
                        Figures fig = figures(code == null ? area : code, rs);
                        if (code == null) {
                            total = fig;
                        } else if (area.length() < 15) {
                            children.add(fig);
                        }
                    }
                }
            }
            if (total == null) {
                total = new Figures(area, 0, 0, null, 0, null, null, 0, 0, null, 0, 0);
            }
            Map<String, String> defs = new LinkedHashMap<>();
            defs.put("received", "受理量: tickets filed in the period in the area, not counting ones merged as duplicates");
            defs.put("resolved_rate", "办结率 = resolved / received; resolved = 已办结, 已回访 or 已关闭 now (a reopened "
                    + "ticket counts again only when resolved again)");
            defs.put("on_time_rate", "按时办结率 = resolved before the due time without escalating for lateness / received");
            defs.put("avg_hours_to_resolve", "mean hours from filing to 办结, over resolved tickets");
            defs.put("satisfaction_rate", "满意度 = 回访 ratings of 4 or 5 / tickets rated");
            defs.put("backlog", "tickets of the period still open (待受理, 已派遣, 处理中, 退回, 重开)");
            defs.put("overdue", "open tickets of the period past their due time now");
            return new Stats(area, a, b, total, children, defs);
        });
    }

    private static Figures figures(String code, ResultSet rs) throws java.sql.SQLException {
        long received = rs.getLong("received");
        long resolved = rs.getLong("resolved");
        long onTime = rs.getLong("resolved_on_time");
        long rated = rs.getLong("rated");
        long satisfied = rs.getLong("satisfied");
        double avg = rs.getDouble("avg_hours_to_resolve");
        Double avgHours = rs.wasNull() ? null : Math.round(avg * 100) / 100.0;
        return new Figures(code, received, resolved, ratio(resolved, received), onTime, ratio(onTime, received), avgHours,
                rated, satisfied, ratio(satisfied, rated), rs.getLong("backlog"), rs.getLong("overdue"));
    }

    /** A share rounded to 4 decimals (93.98% = 0.9398); null when there is nothing to divide by. */
    static Double ratio(long a, long b) {
        return b == 0 ? null : Math.round(a * 10000.0 / b) / 10000.0;
    }

    private static void inList(StringBuilder where, List<Object> args, String column, String name, String value,
                               List<String> allowed) {
        if (value == null) {
            return;
        }
        List<String> values = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toUpperCase(Locale.ROOT)).distinct().toList();
        if (values.isEmpty() || values.size() > 20 || values.stream().anyMatch(v -> !v.matches("[A-Z0-9_]{1,32}"))
                || allowed != null && !allowed.containsAll(values)) {
            throw ProblemException.invalidParameter(name, "a comma-separated list" + (allowed == null ? " of codes"
                    : " of " + String.join(", ", allowed)));
        }
        where.append(" AND ").append(column).append(" = ANY (?)");
        args.add(values.toArray(new String[0]));
    }

    private static double[] numbers(String name, String text, int n) {
        String[] parts = text.split(",");
        if (parts.length != n) {
            throw ProblemException.invalidParameter(name, n == 4 ? "is minLon,minLat,maxLon,maxLat in degrees"
                    : "is lon,lat in degrees");
        }
        double[] out = new double[n];
        try {
            for (int k = 0; k < n; k++) {
                out[k] = Double.parseDouble(parts[k].strip());
                if (!Double.isFinite(out[k]) || Math.abs(out[k]) > 180 || k % 2 == 1 && Math.abs(out[k]) > 90) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw ProblemException.invalidParameter(name, "must hold longitudes and latitudes in degrees");
        }
        return out;
    }

    private static String polygon(String wkt) {
        if (wkt.length() > 200_000) {
            throw ProblemException.invalidParameter("polygon", "is too long (at most 200,000 characters of WKT)");
        }
        Geometry g;
        try {
            g = new WKTReader().read(wkt);
        } catch (ParseException e) {
            throw ProblemException.invalidParameter("polygon", "is not WKT: " + e.getMessage());
        }
        if (!(g instanceof Polygonal) || g.isEmpty()) {
            throw ProblemException.invalidParameter("polygon", "must be a POLYGON or MULTIPOLYGON in EPSG:4326");
        }
        IsValidOp v = new IsValidOp(g);
        if (!v.isValid()) {
            throw ProblemException.invalidParameter("polygon", "is not valid: " + v.getValidationError());
        }
        return g.toText();
    }

    static OffsetDateTime time(String name, String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(text).atStartOfDay(org.gridmap.support.Rows.ZONE).toOffsetDateTime();
            } catch (DateTimeParseException e2) {
                throw ProblemException.invalidParameter(name, "must be an ISO-8601 date (2026-07-01) or date-time with "
                        + "offset (2026-07-01T08:00:00+08:00)");
            }
        }
    }
}

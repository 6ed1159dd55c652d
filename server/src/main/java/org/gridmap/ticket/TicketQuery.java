package org.gridmap.ticket;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.gridmap.security.Caller;
import org.gridmap.support.Db;
import org.gridmap.support.ProblemException;
import org.gridmap.ticket.TicketModels.Figures;
import org.gridmap.ticket.TicketModels.Page;
import org.gridmap.ticket.TicketModels.Stats;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.valid.IsValidOp;

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
    private final TicketRepository tickets;

    TicketQuery(Db db, TicketRepository tickets) {
        this.db = db;
        this.tickets = tickets;
    }

    public Page list(Caller caller, Filter f, int page, int size) {
        if (page < 1 || size < 1 || size > 1000) {
            throw ProblemException.invalidParameter("page/size", "page ≥ 1 and 1 ≤ size ≤ 1000");
        }
        double[] bbox = null;
        if (f.bbox() != null) {
            bbox = numbers("bbox", f.bbox(), 4);
            if (bbox[0] >= bbox[2] || bbox[1] >= bbox[3]) {
                throw ProblemException.invalidParameter("bbox", "is minLon,minLat,maxLon,maxLat with min < max");
            }
        }
        double[] near = null;
        Double radius = null;
        if (f.near() != null) {
            near = numbers("near", f.near(), 2);
            radius = f.radiusM() == null ? 500 : f.radiusM();
            if (!(radius > 0 && radius <= 50_000)) {
                throw ProblemException.invalidParameter("radius_m", "must be 0–50000 metres");
            }
        }
        if (f.grid() != null && !f.grid().matches("\\d{15}")) {
            throw ProblemException.invalidParameter("grid", "must be a 15-digit grid code");
        }
        if (f.area() != null && !f.area().matches("\\d{6}|\\d{9}|\\d{12}|\\d{15}")) {
            throw ProblemException.invalidParameter("area", "must be a 6-, 9-, 12- or 15-digit code");
        }
        List<String> numbers = null;
        if (f.numbers() != null) {
            numbers = Arrays.stream(f.numbers().split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
            if (numbers.isEmpty() || numbers.size() > 100 || numbers.stream().anyMatch(x -> !x.matches("\\d{4}-\\d{6,}"))) {
                throw ProblemException.invalidParameter("service_request_id", "comma-separated ticket numbers such as "
                        + "2026-000123 (at most 100)");
            }
        }
        TicketRepository.Criteria q = new TicketRepository.Criteria(caller.area(), caller.username(), bbox, near,
                radius, f.grid(), f.area(), f.polygon() == null ? null : polygon(f.polygon()),
                codes("status", f.status(), Arrays.stream(Status.values()).map(Enum::name).toList()),
                codes("category", f.category(), null),
                codes("level", f.level(), Arrays.stream(Level.values()).map(Enum::name).toList()),
                codes("source", f.source(), TicketService.SOURCES.stream().sorted().toList()),
                numbers, f.overdue(),
                f.from() == null ? null : time("from", f.from()), f.to() == null ? null : time("to", f.to()));
        return db.read(c -> {
            TicketRepository.Found found = tickets.list(c, q, size, (page - 1) * size);
            return new Page(found.total(), page, size, found.tickets());
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
            for (TicketRepository.Counts n : tickets.stats(c, child, area, a, b)) {
                Figures fig = figures(n.child() == null ? area : n.child(), n);
                if (n.child() == null) {
                    total = fig;
                } else if (area.length() < 15) {
                    children.add(fig);
                }
            }
            if (total == null) {
                total = new Figures(area, 0, 0, null, 0, null, null, 0, 0, null, 0, 0);
            }
            Map<String, String> defs = new LinkedHashMap<>();
            defs.put("received", "受理量: tickets filed in the period in the area, not counting ones merged as duplicates");
            defs.put("resolved_rate", "办结率 = resolved / received; resolved = " + Status.CLOSED_GROUP.stream().map(Status::zh)
                    .collect(java.util.stream.Collectors.joining(", ")) + " now (a reopened "
                    + "ticket counts again only when resolved again)");
            defs.put("on_time_rate", "按时办结率 = resolved before the due time without escalating for lateness / received");
            defs.put("avg_hours_to_resolve", "mean hours from filing to 办结, over resolved tickets");
            defs.put("satisfaction_rate", "满意度 = 回访 ratings of 4 or 5 / tickets rated");
            defs.put("backlog", "tickets of the period still open (" + Status.OPEN.stream().map(Status::zh)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")");
            defs.put("overdue", "open tickets of the period past their due time now");
            return new Stats(area, a, b, total, children, defs);
        });
    }

    private static Figures figures(String code, TicketRepository.Counts n) {
        Double avgHours = n.avgHoursToResolve() == null ? null : Math.round(n.avgHoursToResolve() * 100) / 100.0;
        return new Figures(code, n.received(), n.resolved(), ratio(n.resolved(), n.received()), n.resolvedOnTime(),
                ratio(n.resolvedOnTime(), n.received()), avgHours, n.rated(), n.satisfied(),
                ratio(n.satisfied(), n.rated()), n.backlog(), n.overdue());
    }

    /** A share rounded to 4 decimals (93.98% = 0.9398); null when there is nothing to divide by. */
    static Double ratio(long a, long b) {
        return b == 0 ? null : Math.round(a * 10000.0 / b) / 10000.0;
    }

    /** A comma-separated list of codes, upper-cased and checked against what is allowed; null when not given. */
    private static List<String> codes(String name, String value, List<String> allowed) {
        if (value == null) {
            return null;
        }
        List<String> values = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toUpperCase(Locale.ROOT)).distinct().toList();
        if (values.isEmpty() || values.size() > 20 || values.stream().anyMatch(v -> !v.matches("[A-Z0-9_]{1,32}"))
                || allowed != null && !allowed.containsAll(values)) {
            throw ProblemException.invalidParameter(name, "a comma-separated list" + (allowed == null ? " of codes"
                    : " of " + String.join(", ", allowed)));
        }
        return values;
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
                out[k] = org.gridmap.support.Numbers.decimal(parts[k]);
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
        } catch (IllegalArgumentException e) {
            // JTS builds the rings while it parses: an unclosed or too short ring is refused here
            throw ProblemException.invalidParameter("polygon", "has a ring that does not close or has fewer than 4 "
                    + "points");
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

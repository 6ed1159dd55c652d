package org.gridmap.imports;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns raw records into typed rows for one import kind, collecting every problem with its row, field and rule.
 * Nothing is written here; the writer takes the rows only when there are no errors at all.
 */
final class RowValidator {
    /** Fields whose values are personal data: never echoed in error messages. */
    private static final Set<String> PERSONAL = Set.of("contact_name", "phone", "id_number");

    record RowError(int row, String field, String rule, String message, List<Double> at) {
        RowError {
            message = org.gridmap.support.Texts.excerpt(message, 600);
        }
    }

    record Row(int row, Map<String, Object> values, Geometry geometry) {}

    record Outcome(List<Row> rows, List<RowError> errors, int errorCount, List<Map<String, Object>> repairs,
                   List<String> ignoredColumns) {}

    private final ImportKind kind;
    private final GeometryChecks checks;
    private final SourceCrs crs;
    private final boolean repair;
    private final Map<String, String> defaults;
    private final int maxErrors;

    /**
     * @param defaults values for absent attributes given as request options (e.g. {@code scenario})
     */
    RowValidator(ImportKind kind, GeometryChecks checks, SourceCrs crs, boolean repair, Map<String, String> defaults,
                 int maxErrors) {
        this.kind = kind;
        this.checks = checks;
        this.crs = crs;
        this.repair = repair;
        this.defaults = defaults;
        this.maxErrors = maxErrors;
    }

    Outcome validate(SourceData data, java.util.function.IntConsumer progress) {
        Map<String, String> columnFor = mapColumns(data.columns());
        List<String> ignored = data.columns().stream().filter(c -> !columnFor.containsValue(c))
                .filter(c -> !Set.of("lon", "lat", "lng", "x", "y", "longitude", "latitude", "经度", "纬度", "fid", "id")
                        .contains(c.toLowerCase(Locale.ROOT))).toList();
        List<RowError> errors = new ArrayList<>();
        int[] errorCount = {0};
        java.util.function.Consumer<RowError> report = e -> {
            errorCount[0]++;
            if (errors.size() < maxErrors) {
                errors.add(e);
            }
        };
        if (data.features().isEmpty()) {
            report.accept(new RowError(0, null, "empty", "the file has no features or rows", null));
            return new Outcome(List.of(), errors, errorCount[0], List.of(), ignored);
        }
        for (var f : kind.fields()) {
            if (f.isRequired() && !columnFor.containsKey(f.name()) && !defaults.containsKey(f.name())) {
                report.accept(new RowError(0, f.name(), "missing_column", "column '" + f.name() + "' is missing; "
                        + "the file has " + data.columns(), null));
            }
        }
        if (errorCount[0] > 0) {
            return new Outcome(List.of(), errors, errorCount[0], List.of(), ignored);
        }
        List<Row> rows = new ArrayList<>(data.features().size());
        List<Map<String, Object>> repairs = new ArrayList<>(data.notes());
        Map<String, List<Integer>> dropped = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        String key = kind.keyField();
        int n = 0;
        for (RawFeature raw : data.features()) {
            n++;
            if (n % 5000 == 0) {
                progress.accept(n);
            }
            if (raw.rowError() != null) {
                report.accept(new RowError(raw.row(), null, "malformed_row", raw.rowError(), null));
                continue;
            }
            boolean rowOk = true;
            Map<String, Object> values = new LinkedHashMap<>();
            for (var f : kind.fields()) {
                String column = columnFor.get(f.name());
                Object rawValue = column == null ? defaults.get(f.name()) : raw.attributes().get(column);
                if ((rawValue == null || rawValue.toString().isBlank()) && defaults.containsKey(f.name())) {
                    rawValue = defaults.get(f.name());
                }
                try {
                    values.put(f.name(), f.parse(rawValue));
                } catch (Field.Invalid e) {
                    String msg = PERSONAL.contains(f.name()) ? personalMessage(e) : e.getMessage();
                    report.accept(new RowError(raw.row(), f.name(), e.rule, f.name() + " " + msg, null));
                    rowOk = false;
                }
            }
            Geometry geom = null;
            if (kind.geom() != ImportKind.Geom.NONE) {
                if (raw.geometryError() != null) {
                    report.accept(new RowError(raw.row(), "geometry", "unreadable_geometry", "geometry "
                            + raw.geometryError(), null));
                    rowOk = false;
                } else if (raw.geometry() == null) {
                    if (kind.geom() != ImportKind.Geom.POLYGONAL_OPTIONAL) {
                        report.accept(new RowError(raw.row(), "geometry", "required", "geometry is required"
                                + (kind.geom() == ImportKind.Geom.POINT ? " (for CSV: lon and lat columns)" : ""), null));
                        rowOk = false;
                    }
                } else {
                    GeometryChecks.Result r = checks.check(raw.geometry(), crs, kind.geom(), repair);
                    if (!r.ok()) {
                        Coordinate at = r.location();
                        report.accept(new RowError(raw.row(), "geometry", r.rule(), "geometry " + r.message(),
                                at == null ? null : List.of(at.x, at.y)));
                        rowOk = false;
                    } else {
                        geom = r.geometry();
                        if (r.dropped() != null) {
                            dropped.computeIfAbsent(r.dropped(), x -> new ArrayList<>()).add(raw.row());
                        }
                        if (r.repair() != null) {
                            Map<String, Object> rep = new LinkedHashMap<>();
                            rep.put("row", raw.row());
                            rep.putAll(r.repair());
                            repairs.add(rep);
                        }
                    }
                }
            }
            if (rowOk) {
                String crossError = crossCheck(values);
                if (crossError != null) {
                    report.accept(new RowError(raw.row(), null, "consistency", crossError, null));
                    rowOk = false;
                }
            }
            if (key != null && values.get(key) != null) {
                Integer first = seen.putIfAbsent(values.get(key).toString(), raw.row());
                if (first != null) {
                    report.accept(new RowError(raw.row(), key, "duplicate", key + " '" + values.get(key)
                            + "' appears again (first in row " + first + ")", null));
                    rowOk = false;
                }
            }
            if (rowOk) {
                rows.add(new Row(raw.row(), values, geom));
            }
        }
        java.util.Set<Object> noted = new java.util.HashSet<>();
        data.notes().forEach(m -> noted.add(m.get("repair")));
        dropped.forEach((what, at) -> {
            if (!noted.contains(what.replace(" and ", "_") + "_dropped")) {
                repairs.add(SourceData.note(null, what.replace(" and ", "_") + "_dropped",
                at.size() + " geometry(ies) carry " + (what.equals("z") ? "heights (z)" : what.equals("m")
                        ? "measures (m)" : "heights and measures (z, m)") + "; gridmap stores 2D geometry (x, y), so "
                        + "they were dropped", at));
            }
        });
        return new Outcome(rows, errors, errorCount[0], repairs, ignored);
    }

    private static String personalMessage(Field.Invalid e) {
        return switch (e.rule) {
            case "pattern" -> "is not a valid value (11-digit mobile or landline)";
            default -> e.getMessage().replaceAll("'[^']*'", "value");
        };
    }

    /** Rules that involve several fields of one row. Also fills derived values. */
    private String crossCheck(Map<String, Object> v) {
        switch (kind) {
            case AREAS -> {
                String code = (String) v.get("code");
                String derived = switch (code.length()) {
                    case 6 -> "COUNTY";
                    case 9 -> "STREET";
                    default -> "COMMUNITY";
                };
                Object level = v.get("level");
                if (level == null) {
                    v.put("level", derived);
                } else if (!level.equals(derived) && !(level.equals("CITY") && code.length() == 6)) {
                    return "level " + level + " does not fit a " + code.length() + "-digit code";
                }
                Object parent = v.get("parent_code");
                if (parent == null && code.length() > 6) {
                    v.put("parent_code", code.substring(0, code.length() - 3));
                } else if (parent != null && !code.startsWith((String) parent)) {
                    return "parent_code " + parent + " is not a prefix of code " + code;
                }
            }
            case GRIDS -> {
                if (v.get("name") == null) {
                    v.put("name", "网格" + ((String) v.get("grid_code")).substring(12));
                }
            }
            case HOUSEHOLDS -> {
                return Households.contradiction(v);
            }
            case STEWARDS -> {
                if (v.get("grid_code") == null && v.get("area_code") == null && v.get("road") == null
                        && v.get("building_id") == null) {
                    return "a steward needs grid_code, area_code, road or building_id";
                }
            }
            default -> { }
        }
        return null;
    }

    /**
     * Matches the kind's field names to the file's columns: exactly, then case-insensitively, then by the first
     * 10 characters (DBF truncates field names to 10).
     */
    private Map<String, String> mapColumns(List<String> columns) {
        Map<String, String> out = new HashMap<>();
        for (var f : kind.fields()) {
            String name = f.name();
            String match = columns.stream().filter(c -> c.equals(name)).findFirst()
                    .or(() -> columns.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst())
                    .or(() -> name.length() > 10 ? columns.stream()
                            .filter(c -> c.length() == 10 && c.equalsIgnoreCase(name.substring(0, 10))).findFirst()
                            : java.util.Optional.empty())
                    .orElse(null);
            if (match != null) {
                out.put(name, match);
            }
        }
        return out;
    }
}

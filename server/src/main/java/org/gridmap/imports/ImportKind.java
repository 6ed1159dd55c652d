package org.gridmap.imports;

import org.gridmap.support.ProblemException;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.gridmap.imports.Field.bool;
import static org.gridmap.imports.Field.date;
import static org.gridmap.imports.Field.decimal;
import static org.gridmap.imports.Field.integer;
import static org.gridmap.imports.Field.oneOf;
import static org.gridmap.imports.Field.text;

/**
 * What can be imported, with the fields each kind reads (gis-data/templates has an example file per kind,
 * docs/imports.md documents them). Field names follow the tools Chinese GIS offices use; values may be given in
 * Chinese (平房, 是/否, 行洪区 …) or as the API's codes.
 */
public enum ImportKind {
    AREAS(Geom.POLYGONAL_OPTIONAL, List.of(
            text("code").required().pattern("\\d{6}|\\d{9}|\\d{12}", "6-, 9- or 12-digit 统计用区划代码"),
            text("name").required().maxLength(100),
            oneOf("level", Map.ofEntries(Map.entry("CITY", "CITY"), Map.entry("市", "CITY"),
                    Map.entry("COUNTY", "COUNTY"), Map.entry("区县", "COUNTY"), Map.entry("区", "COUNTY"),
                    Map.entry("县", "COUNTY"), Map.entry("STREET", "STREET"), Map.entry("街道", "STREET"),
                    Map.entry("乡镇", "STREET"), Map.entry("COMMUNITY", "COMMUNITY"), Map.entry("社区", "COMMUNITY"),
                    Map.entry("村", "COMMUNITY"))),
            text("parent_code").pattern("\\d{6}|\\d{9}", "6- or 9-digit code of the parent area"),
            text("kind").maxLength(40),
            bool("rural"))),
    GRIDS(Geom.POLYGONAL, List.of(
            text("grid_code").required().pattern("\\d{15}", "15 digits: 12-digit community code + 3-digit sequence"),
            text("name").maxLength(100),
            bool("rural"))),
    BUILDINGS(Geom.POLYGONAL, List.of(
            text("building_id").required().maxLength(64).identifier(),
            text("name").maxLength(200),
            text("address").maxLength(300),
            integer("floors").required().range(1, 200),
            integer("units").range(0, 50),
            oneOf("structure", Map.ofEntries(Map.entry("平房", "SINGLE_STOREY"), Map.entry("砖混", "BRICK_CONCRETE"),
                    Map.entry("框架", "FRAME"), Map.entry("钢混", "REINFORCED_CONCRETE"),
                    Map.entry("钢筋混凝土", "REINFORCED_CONCRETE"), Map.entry("其他", "OTHER"),
                    Map.entry("SINGLE_STOREY", "SINGLE_STOREY"), Map.entry("BRICK_CONCRETE", "BRICK_CONCRETE"),
                    Map.entry("FRAME", "FRAME"), Map.entry("REINFORCED_CONCRETE", "REINFORCED_CONCRETE"),
                    Map.entry("OTHER", "OTHER"))).required(),
            oneOf("safety_grade", Map.of("A", "A", "B", "B", "C", "C", "D", "D")),
            bool("basement_dwelling"),
            oneOf("use", Map.of("RESIDENTIAL", "RESIDENTIAL", "住宅", "RESIDENTIAL", "PUBLIC", "PUBLIC", "公共", "PUBLIC",
                    "COMMERCIAL", "COMMERCIAL", "商业", "COMMERCIAL", "INDUSTRIAL", "INDUSTRIAL", "工业", "INDUSTRIAL",
                    "OTHER", "OTHER", "其他", "OTHER")))),
    HOUSEHOLDS(Geom.NONE, List.of(
            text("household_id").required().maxLength(64).identifier(),
            text("building_id").required().maxLength(64).identifier(),
            integer("unit").range(1, 50),
            integer("floor").required().range(0, 200),
            text("room").maxLength(40).identifier(),
            integer("members").required().range(1, 50),
            integer("elderly").range(0, 50),
            integer("children").range(0, 50),
            integer("sick").range(0, 50),
            integer("disabled").range(0, 50),
            integer("pregnant").range(0, 50),
            bool("living_alone"),
            integer("oldest_age").range(0, 130),
            text("contact_name").maxLength(50),
            text("phone").pattern("1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}", "11-digit mobile or 0XXX-XXXXXXX landline"),
            text("id_number").idNumber())),
    FLOOD_ZONES(Geom.POLYGONAL, List.of(
            text("scenario").required().pattern("[A-Za-z0-9_-]{1,32}", "scenario code: letters, digits, _ or -"),
            text("scenario_name").maxLength(100),
            decimal("depth_m").required().range(0, 30),
            text("depth_class").maxLength(40),
            oneOf("zone_kind", Map.of("行洪区", "FLOODWAY", "蓄滞洪区", "DETENTION", "低洼易涝区", "LOW_LYING",
                    "溃堤影响区", "BREACH", "FLOODWAY", "FLOODWAY", "DETENTION", "DETENTION", "LOW_LYING", "LOW_LYING",
                    "BREACH", "BREACH")),
            decimal("arrival_hours").range(0, 1000))),
    RECORDED_INUNDATION(Geom.NONE, List.of(
            text("building_id").required().maxLength(64).identifier(),
            text("flood_name").required().maxLength(100),
            date("flood_date").notInFuture(),
            decimal("depth_m").required().range(0, 30))),
    SHELTERS(Geom.POINT, List.of(
            text("shelter_id").required().maxLength(64).identifier(),
            text("name").required().maxLength(200),
            integer("capacity").required().range(0, 100_000),
            bool("accessible"),
            oneOf("kind", Map.ofEntries(Map.entry("SCHOOL", "SCHOOL"), Map.entry("学校", "SCHOOL"),
                    Map.entry("GYM", "GYM"), Map.entry("体育馆", "GYM"),
                    Map.entry("COMMUNITY_CENTRE", "COMMUNITY_CENTRE"),
                    Map.entry("社区服务中心", "COMMUNITY_CENTRE"), Map.entry("OTHER", "OTHER"),
                    Map.entry("HOTEL", "HOTEL"), Map.entry("宾馆", "HOTEL"), Map.entry("酒店", "HOTEL"),
                    Map.entry("党群服务中心", "COMMUNITY_CENTRE"), Map.entry("其他", "OTHER"))),
            text("address").maxLength(300),
            bool("open"),
            decimal("usable_area_m2").range(1, 1_000_000),
            bool("medical"),
            text("manager_name").maxLength(50),
            text("manager_phone").pattern("1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}", "11-digit mobile or 0XXX-XXXXXXX landline"))),
    STEWARDS(Geom.NONE, List.of(
            text("steward_id").required().maxLength(64).identifier(),
            text("name").required().maxLength(50),
            text("phone").pattern("1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}", "11-digit mobile or 0XXX-XXXXXXX landline"),
            oneOf("role", Map.ofEntries(Map.entry("街长", "STREET_CHIEF"), Map.entry("路长", "ROAD_CHIEF"),
                    Map.entry("巷长", "ROAD_CHIEF"), Map.entry("网格长", "GRID_CHIEF"), Map.entry("楼栋长", "BUILDING_CHIEF"),
                    Map.entry("单元长", "UNIT_CHIEF"), Map.entry("网格员", "GRID_WORKER"), Map.entry("包保干部", "CADRE"),
                    Map.entry("STREET_CHIEF", "STREET_CHIEF"), Map.entry("ROAD_CHIEF", "ROAD_CHIEF"),
                    Map.entry("GRID_CHIEF", "GRID_CHIEF"), Map.entry("BUILDING_CHIEF", "BUILDING_CHIEF"),
                    Map.entry("UNIT_CHIEF", "UNIT_CHIEF"), Map.entry("GRID_WORKER", "GRID_WORKER"),
                    Map.entry("CADRE", "CADRE"))).required(),
            text("grid_code").pattern("\\d{15}", "15-digit grid code"),
            text("area_code").pattern("\\d{6}|\\d{9}|\\d{12}", "6-, 9- or 12-digit area code"),
            text("road").maxLength(100),
            text("building_id").maxLength(64).identifier(),
            integer("unit").range(1, 50)));

    /** What geometry a kind takes. */
    enum Geom { POLYGONAL, POLYGONAL_OPTIONAL, POINT, NONE }

    private final Geom geom;
    private final List<Field> fields;

    ImportKind(Geom geom, List<Field> fields) {
        this.geom = geom;
        this.fields = fields;
    }

    public Geom geom() {
        return geom;
    }

    public List<Field> fields() {
        return fields;
    }

    /** The field that identifies a row (duplicates within one file are refused). */
    public String keyField() {
        return switch (this) {
            case AREAS -> "code";
            case GRIDS -> "grid_code";
            case FLOOD_ZONES -> null;
            case RECORDED_INUNDATION -> null;
            default -> fields.get(0).name();
        };
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "buildings", "flood_zones", "flood-zones", "FLOOD_ZONES". */
    public static ImportKind parse(String s) {
        if (s != null) {
            String k = s.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (ImportKind kind : values()) {
                if (kind.name().equals(k)) {
                    return kind;
                }
            }
        }
        throw ProblemException.invalidParameter("kind", "must be one of areas, grids, buildings, households, "
                + "flood_zones, recorded_inundation, shelters, stewards; was '" + s + "'");
    }
}

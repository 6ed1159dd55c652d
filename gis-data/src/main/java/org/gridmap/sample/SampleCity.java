package org.gridmap.sample;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.time.LocalDate;
import java.util.List;

/**
 * The Baicheng sample city as plain records. Every geometry is in EPSG:4326 (longitude, latitude).
 * Administrative codes and names are real (NBS 2023); everything else is synthetic, see gis-data/README.md.
 */
public record SampleCity(
        List<Area> areas,
        List<Grid> grids,
        List<Road> roads,
        List<Building> buildings,
        List<Household> households,
        List<Steward> stewards,
        List<Scenario> scenarios,
        List<Zone> zones,
        List<Inundation> inundations,
        List<Shelter> shelters,
        List<Water> waters) {

    /** level: CITY, COUNTY, STREET, COMMUNITY; kind: the official type (街道, 社区 ...). */
    public record Area(String code, String name, String level, String parentCode, String kind, MultiPolygon geom) {}

    public record Grid(String code, String name, String communityCode, MultiPolygon geom, int households) {}

    /** kind: MAIN (named 经/纬 roads) or LANE. */
    public record Road(String name, String kind, LineString geom) {}

    /**
     * structure: SINGLE_STOREY 平房, BRICK_CONCRETE 砖混, FRAME 框架, REINFORCED_CONCRETE 钢混, OTHER;
     * safetyGrade A–D (JGJ 125) or null; use: RESIDENTIAL, PUBLIC, COMMERCIAL.
     */
    public record Building(String id, String name, String address, int floors, int units, String structure,
                           String safetyGrade, boolean basementDwelling, String use, Polygon geom) {}

    /** floor 0 = basement; unit null for single-storey houses. */
    public record Household(String id, String buildingId, Integer unit, int floor, String room, int members,
                            int elderly, int children, int sick, int disabled, int pregnant, boolean livingAlone,
                            Integer oldestAge, String contactName, String phone, String idNumber) {}

    /** role: STREET_CHIEF, ROAD_CHIEF, GRID_CHIEF, BUILDING_CHIEF, UNIT_CHIEF, GRID_WORKER, CADRE. */
    public record Steward(String id, String name, String phone, String role, String areaCode, String gridCode,
                          String road, String buildingId, Integer unit) {}

    /** kind: RIVER, WATERLOGGING, HISTORICAL. */
    public record Scenario(String code, String name, String kind, Integer returnPeriodYears, String description) {}

    /** zoneKind: FLOODWAY 行洪区, DETENTION 蓄滞洪区, LOW_LYING 低洼易涝区, BREACH 溃堤影响区. */
    public record Zone(String scenarioCode, double depthM, String depthClass, String zoneKind, Double arrivalHours,
                       MultiPolygon geom) {}

    public record Inundation(String buildingId, String floodName, LocalDate floodDate, double depthM) {}

    /** kind: SCHOOL, GYM, COMMUNITY_CENTRE. */
    public record Shelter(String id, String name, String kind, int capacity, boolean accessible, String address,
                          Point geom) {}

    /** kind: RIVER or LAKE. */
    public record Water(String name, String kind, String source, boolean synthetic, Geometry geom) {}
}

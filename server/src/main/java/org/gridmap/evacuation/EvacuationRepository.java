package org.gridmap.evacuation;

import jakarta.inject.Singleton;
import org.gridmap.support.Rows;
import org.gridmap.support.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The only SQL on evacuation (sql/evacuation/*.sql). Each method works in the connection it is given. */
@Singleton
class EvacuationRepository {

    record EvacuationRow(long id, String area, String scenario, long scenarioId, String warningLevel, int levelRank,
                         String startedBy, OffsetDateTime startedAt, boolean active) {}

    /** A household to (re)place, with its building's position in the metric CRS. */
    record HouseholdRow(long id, String householdId, int members, boolean accessibleNeed, long building, String scope,
                        String color, int colorRank, double x, double y, Long transferId) {}

    record ShelterRow(long id, String shelterId, String name, String kind, int capacity, Double usableAreaM2,
                      boolean accessible, boolean medical, String status, String statusReason, boolean accepting,
                      String address, String managerName, String managerPhone, int occupancy, OffsetDateTime updatedAt,
                      int reserved, double lon, double lat, double mx, double my, Double zoneDepthM) {}

    record CadreRow(long id, String stewardId, String name, String role, String gridCode, Long buildingId, long load) {}

    record PlanRow(long id, long evacuationId, String area, String scenario, String kind, String warningLevel,
                   String status, String phase, double progress, String counts, String message, String createdBy,
                   OffsetDateTime startedAt, OffsetDateTime finishedAt) {}

    /** A new or changed transfer to write. */
    record TransferWrite(long householdId, String color, int members, boolean accessibleNeed, Long shelterId,
                         Integer distanceM, String unplacedReason, Long cadreId, String code) {}

    record TransferLock(long id, long evacuationId, long householdId, int members, boolean accessibleNeed,
                        Long shelterId, Long arrivedShelterId, String status, int eventSeq, String code, String scope,
                        boolean active, String householdCode) {}

    record EventRow(long id, long transferId, int seq, String status, String shelterCode, String note, String actor,
                    OffsetDateTime at) {}

    record SummaryRow(String code, String status, boolean unplaced, String unplacedReason, long households,
                      long people, long vulnerablePeople, long noCadre) {}

    record GridTransferRow(long id, String code, String householdId, String buildingId, String address, Integer unit,
                           int floor, String room, int members, int vulnerablePeople, boolean accessibleNeed,
                           String color, String status, String unplacedReason, String shelterId, String shelterName,
                           Integer distanceM, String cadreName, String cadrePhone, String contactName, String phone,
                           OffsetDateTime updatedAt, long total) {}

    record NextShelter(long id, String shelterId, String name, int room, int distanceM) {}

    // ------------------------------------------------------------------------------------------------ evacuations

    List<EvacuationRow> activeOverlapping(Connection c, String area) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/evacuation_active"))) {
            ps.setString(1, area);
            ps.setString(2, area);
            List<EvacuationRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(evacuation(rs, true));
                }
            }
            return out;
        }
    }

    Optional<EvacuationRow> evacuation(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/evacuation_by_id"))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(evacuation(rs, rs.getBoolean("active"))) : Optional.empty();
            }
        }
    }

    private static EvacuationRow evacuation(ResultSet rs, boolean active) throws SQLException {
        return new EvacuationRow(rs.getLong("id"), rs.getString("area_code"), rs.getString("scenario"),
                rs.getLong("scenario_id"), rs.getString("warning_level"), rs.getInt("level_rank"),
                rs.getString("started_by"), Rows.time(rs, "started_at"), active);
    }

    long insertEvacuation(Connection c, String area, long scenarioId, String level, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/evacuation_insert"))) {
            ps.setString(1, area);
            ps.setLong(2, scenarioId);
            ps.setString(3, level);
            ps.setString(4, actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void setLevel(Connection c, long evacuationId, String level) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/evacuation_level"))) {
            ps.setString(1, level);
            ps.setLong(2, evacuationId);
            ps.executeUpdate();
        }
    }

    boolean end(Connection c, long evacuationId, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/evacuation_end"))) {
            ps.setString(1, actor);
            ps.setLong(2, evacuationId);
            return ps.executeUpdate() == 1;
        }
    }

    boolean areaExists(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/area_exists"))) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ plans

    long insertPlan(Connection c, long evacuationId, String kind, String level, String actor, int instance)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/plan_insert"))) {
            ps.setLong(1, evacuationId);
            ps.setString(2, kind);
            ps.setString(3, level);
            ps.setString(4, actor);
            ps.setInt(5, instance);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    Optional<Long> runningPlan(Connection c, long evacuationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/plan_running"))) {
            ps.setLong(1, evacuationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    Optional<Long> latestPlan(Connection c, long evacuationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/plan_latest"))) {
            ps.setLong(1, evacuationId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(v);
            }
        }
    }

    void progress(Connection c, long planId, String phase, double progress) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/plan_progress"))) {
            ps.setString(1, phase);
            ps.setDouble(2, progress);
            ps.setLong(3, planId);
            ps.executeUpdate();
        }
    }

    void finishPlan(Connection c, long planId, String status, String message, String countsJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/plan_finish"))) {
            ps.setString(1, status);
            ps.setString(2, status);
            ps.setString(3, message);
            ps.setString(4, countsJson);
            ps.setLong(5, planId);
            ps.executeUpdate();
        }
    }

    int failInterruptedPlans(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/plan_interrupted"))) {
            return ps.executeUpdate();
        }
    }

    Optional<PlanRow> plan(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/plan_by_id"))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PlanRow(rs.getLong("id"), rs.getLong("evacuation_id"), rs.getString("area_code"),
                        rs.getString("scenario"), rs.getString("kind"), rs.getString("warning_level"),
                        rs.getString("status"), rs.getString("phase"), rs.getDouble("progress"),
                        rs.getString("counts"), rs.getString("message"), rs.getString("created_by"),
                        Rows.time(rs, "started_at"), Rows.time(rs, "finished_at")));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ inputs

    List<HouseholdRow> mustMove(Connection c, int ruleVersion, long runId, String area, List<String> colours,
                                long evacuationId, int srid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/must_move"))) {
            ps.setInt(1, ruleVersion);
            ps.setLong(2, runId);
            ps.setString(3, area);
            ps.setArray(4, c.createArrayOf("text", colours.toArray()));
            ps.setInt(5, srid);
            ps.setLong(6, evacuationId);
            ps.setArray(7, c.createArrayOf("text", colours.toArray()));
            return households(ps);
        }
    }

    List<HouseholdRow> toReplace(Connection c, long evacuationId, int srid, double maxDepthM) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/replace_households"))) {
            ps.setLong(1, evacuationId);
            ps.setDouble(2, maxDepthM);
            ps.setInt(3, srid);
            ps.setInt(4, srid);
            ps.setLong(5, evacuationId);
            return households(ps);
        }
    }

    private static List<HouseholdRow> households(PreparedStatement ps) throws SQLException {
        List<HouseholdRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long t = rs.getLong("transfer_id");
                Long transfer = rs.wasNull() ? null : t;
                out.add(new HouseholdRow(rs.getLong("id"), rs.getString("household_id"), rs.getInt("members"),
                        rs.getBoolean("accessible_need"), rs.getLong("building"), rs.getString("scope"),
                        rs.getString("color"), rs.getInt("color_rank"), rs.getDouble("x"), rs.getDouble("y"),
                        transfer));
            }
        }
        return out;
    }

    List<ShelterRow> shelters(Connection c, int srid, Long scenarioId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/shelters"))) {
            ps.setInt(1, srid);
            ps.setInt(2, srid);
            if (scenarioId == null) {
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setLong(3, scenarioId);
            }
            List<ShelterRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ShelterRow(rs.getLong("id"), rs.getString("shelter_id"), rs.getString("name"),
                            rs.getString("kind"), rs.getInt("capacity"), Rows.doubleOrNull(rs, "usable_area_m2"),
                            rs.getBoolean("accessible"), rs.getBoolean("medical"), rs.getString("status"),
                            rs.getString("status_reason"), rs.getBoolean("accepting"), rs.getString("address"),
                            rs.getString("manager_name"), rs.getString("manager_phone"), rs.getInt("occupancy"),
                            Rows.time(rs, "updated_at"), rs.getInt("reserved"), rs.getDouble("lon"),
                            rs.getDouble("lat"), rs.getDouble("mx"), rs.getDouble("my"),
                            Rows.doubleOrNull(rs, "zone_depth_m")));
                }
            }
            return out;
        }
    }

    List<CadreRow> cadres(Connection c, String area) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/cadres"))) {
            ps.setString(1, area);
            List<CadreRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long b = rs.getLong("building_id");
                    Long building = rs.wasNull() ? null : b;
                    out.add(new CadreRow(rs.getLong("id"), rs.getString("steward_id"), rs.getString("name"),
                            rs.getString("role"), rs.getString("grid_code"), building, rs.getLong("load")));
                }
            }
            return out;
        }
    }

    // ------------------------------------------------------------------------------------------------ writes

    void writeTransfers(Connection c, long evacuationId, long planId, List<TransferWrite> rows) throws SQLException {
        final int chunk = 10_000;
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/transfer_insert"))) {
            for (int from = 0; from < rows.size(); from += chunk) {
                List<TransferWrite> part = rows.subList(from, Math.min(rows.size(), from + chunk));
                ps.setLong(1, evacuationId);
                ps.setLong(2, planId);
                ps.setArray(3, c.createArrayOf("bigint", part.stream().map(TransferWrite::householdId).toArray()));
                ps.setArray(4, c.createArrayOf("text", part.stream().map(TransferWrite::color).toArray()));
                ps.setArray(5, c.createArrayOf("integer", part.stream().map(TransferWrite::members).toArray()));
                ps.setArray(6, c.createArrayOf("boolean", part.stream().map(TransferWrite::accessibleNeed).toArray()));
                ps.setArray(7, c.createArrayOf("bigint", part.stream().map(TransferWrite::shelterId).toArray()));
                ps.setArray(8, c.createArrayOf("integer", part.stream().map(TransferWrite::distanceM).toArray()));
                ps.setArray(9, c.createArrayOf("text", part.stream().map(TransferWrite::unplacedReason).toArray()));
                ps.setArray(10, c.createArrayOf("bigint", part.stream().map(TransferWrite::cadreId).toArray()));
                ps.setArray(11, c.createArrayOf("text", part.stream().map(TransferWrite::code).toArray()));
                ps.executeUpdate();
            }
        }
    }

    private static void setLong(PreparedStatement ps, int k, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(k, Types.BIGINT);
        } else {
            ps.setLong(k, v);
        }
    }

    // ------------------------------------------------------------------------------------------------ tracking

    Optional<TransferLock> lockTransfer(Connection c, Long id, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/transfer_for_update"))) {
            setLong(ps, 1, id);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long s = rs.getLong("shelter_id");
                Long shelter = rs.wasNull() ? null : s;
                long a = rs.getLong("arrived_shelter_id");
                Long arrived = rs.wasNull() ? null : a;
                return Optional.of(new TransferLock(rs.getLong("id"), rs.getLong("evacuation_id"),
                        rs.getLong("household_id"), rs.getInt("members"), rs.getBoolean("accessible_need"), shelter,
                        arrived, rs.getString("status"), rs.getInt("event_seq"), rs.getString("code"),
                        rs.getString("scope"), rs.getBoolean("active"), rs.getString("household_code")));
            }
        }
    }

    Optional<EventRow> eventByKey(Connection c, long transferId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/event_by_key"))) {
            ps.setLong(1, transferId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(event(rs)) : Optional.empty();
            }
        }
    }

    EventRow insertEvent(Connection c, long transferId, int seq, String status, Long shelterId, String note,
                         String actor, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/event_insert"))) {
            ps.setLong(1, transferId);
            ps.setInt(2, seq);
            ps.setString(3, status);
            setLong(ps, 4, shelterId);
            ps.setString(5, note);
            ps.setString(6, actor);
            ps.setString(7, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return event(rs);
            }
        }
    }

    List<EventRow> events(Connection c, long transferId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/transfer_events"))) {
            ps.setLong(1, transferId);
            List<EventRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(event(rs));
                }
            }
            return out;
        }
    }

    private static EventRow event(ResultSet rs) throws SQLException {
        return new EventRow(rs.getLong("id"), rs.getLong("transfer_id"), rs.getInt("seq"), rs.getString("status"),
                rs.getString("shelter_code"), rs.getString("note"), rs.getString("actor"), Rows.time(rs, "at"));
    }

    void setStatus(Connection c, long transferId, String status, Long arrivedShelter, int seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/transfer_set_status"))) {
            ps.setString(1, status);
            setLong(ps, 2, arrivedShelter);
            ps.setInt(3, seq);
            ps.setLong(4, transferId);
            ps.executeUpdate();
        }
    }

    /** Takes people into a shelter if it has room: the shelter's new status, or empty when it has none. */
    Optional<String> takeIntoShelter(Connection c, long shelterId, int people) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/shelter_take"))) {
            ps.setInt(1, people);
            ps.setLong(2, shelterId);
            ps.setInt(3, people);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString("status")) : Optional.empty();
            }
        }
    }

    void releaseFromShelter(Connection c, long shelterId, int people) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/shelter_release"))) {
            ps.setInt(1, people);
            ps.setLong(2, shelterId);
            ps.executeUpdate();
        }
    }

    List<NextShelter> nextShelters(Connection c, long fromShelter, int people, boolean accessible, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/shelter_next"))) {
            ps.setLong(1, fromShelter);
            ps.setInt(2, people);
            ps.setBoolean(3, accessible);
            ps.setInt(4, limit);
            List<NextShelter> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new NextShelter(rs.getLong("id"), rs.getString("shelter_id"), rs.getString("name"),
                            rs.getInt("room"), rs.getInt("distance_m")));
                }
            }
            return out;
        }
    }

    Optional<Long> shelterId(Connection c, String shelterCode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/shelter_by_code"))) {
            ps.setString(1, shelterCode);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong("id")) : Optional.empty();
            }
        }
    }

    /** Edits a shelter (nulls keep values); empty when there is no such shelter. */
    Optional<Long> updateShelter(Connection c, String shelterCode, String status, String reason, Integer capacity,
                                 Double usableArea, Boolean accessible, Boolean medical, String managerName,
                                 String managerPhone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/shelter_update"))) {
            ps.setString(1, status);
            ps.setString(2, reason);
            if (capacity == null) {
                ps.setNull(3, Types.INTEGER);
            } else {
                ps.setInt(3, capacity);
            }
            if (usableArea == null) {
                ps.setNull(4, Types.NUMERIC);
            } else {
                ps.setDouble(4, usableArea);
            }
            if (accessible == null) {
                ps.setNull(5, Types.BOOLEAN);
            } else {
                ps.setBoolean(5, accessible);
            }
            if (medical == null) {
                ps.setNull(6, Types.BOOLEAN);
            } else {
                ps.setBoolean(6, medical);
            }
            ps.setString(7, managerName);
            ps.setString(8, managerPhone);
            ps.setString(9, shelterCode);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    void listen(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/listen"))) {
            ps.execute();
        }
    }

    // ------------------------------------------------------------------------------------------------ reads

    List<SummaryRow> summary(Connection c, int childLength, String area) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/summary"))) {
            ps.setInt(1, childLength);
            ps.setString(2, area);
            List<SummaryRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SummaryRow(rs.getString("code"), rs.getString("status"), rs.getBoolean("unplaced"),
                            rs.getString("unplaced_reason"), rs.getLong("households"), rs.getLong("people"),
                            rs.getLong("vulnerable_people"), rs.getLong("no_cadre")));
                }
            }
            return out;
        }
    }

    List<GridTransferRow> transfersOfGrid(Connection c, String grid, int limit, int offset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/transfers_of_grid"))) {
            ps.setString(1, grid);
            ps.setInt(2, limit);
            ps.setInt(3, offset);
            return transferRows(ps);
        }
    }

    /** An area's transfers (all of them up to the cap), for export. */
    List<GridTransferRow> transfersOfArea(Connection c, String prefix, int cap) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/transfers_of_area"))) {
            ps.setString(1, prefix);
            ps.setInt(2, cap);
            ps.setFetchSize(5_000);
            return transferRows(ps);
        }
    }

    private static List<GridTransferRow> transferRows(PreparedStatement ps) throws SQLException {
        List<GridTransferRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new GridTransferRow(rs.getLong("id"), rs.getString("code"), rs.getString("household_id"),
                        rs.getString("building_id"), rs.getString("address"), Rows.intOrNull(rs, "unit"),
                        rs.getInt("floor"), rs.getString("room"), rs.getInt("members"),
                        rs.getInt("vulnerable_people"), rs.getBoolean("accessible_need"), rs.getString("color"),
                        rs.getString("status"), rs.getString("unplaced_reason"), rs.getString("shelter_id"),
                        rs.getString("shelter_name"), Rows.intOrNull(rs, "distance_m"), rs.getString("cadre_name"),
                        rs.getString("cadre_phone"), rs.getString("contact_name"), rs.getString("phone"),
                        Rows.time(rs, "updated_at"), rs.getLong("total")));
            }
        }
        return out;
    }

    java.util.Map<String, String> areaNames(Connection c, String prefix) throws SQLException {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/area_names"))) {
            ps.setString(1, prefix);
            ps.setString(2, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    record RoutePairRow(long scenarioId, long building, String buildingCode, String address, long shelter,
                        String shelterCode, String shelterName, long households, long people) {}

    List<RoutePairRow> gridRoutes(Connection c, String grid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/grid_routes"))) {
            ps.setString(1, grid);
            List<RoutePairRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RoutePairRow(rs.getLong("scenario_id"), rs.getLong("building"),
                            rs.getString("building_code"), rs.getString("address"), rs.getLong("shelter"),
                            rs.getString("shelter_code"), rs.getString("shelter_name"), rs.getLong("households"),
                            rs.getLong("people")));
                }
            }
            return out;
        }
    }

    record WalkInRow(long id, String shelterCode, int members, OffsetDateTime at) {}

    Optional<WalkInRow> walkInByKey(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/walk_in_by_key"))) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new WalkInRow(rs.getLong(1), rs.getString(2), rs.getInt(3),
                        Rows.time(rs, "registered_at"))) : Optional.empty();
            }
        }
    }

    long insertWalkIn(Connection c, long shelter, int members, int vulnerable, String name, String phone,
                      String cameFrom, String note, String key, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("evacuation/walk_in_insert"))) {
            ps.setLong(1, shelter);
            ps.setInt(2, members);
            ps.setInt(3, vulnerable);
            ps.setString(4, name);
            ps.setString(5, phone);
            ps.setString(6, cameFrom);
            ps.setString(7, note);
            ps.setString(8, key);
            ps.setString(9, actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

package org.gridmap.redistricting;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The only SQL of redistricting: drafts, their grids, assignment and edit log, their ground, and the publish. */
@Singleton
class RedistrictRepository {
    record DraftRow(long id, String areaCode, String name, String owner, int version, String status,
                    String staleReason, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime publishedAt,
                    OffsetDateTime effectiveFrom) {}

    record GridRow(int key, String communityCode, String name, String sourceGridCode, boolean locked,
                   boolean deleted) {}

    record CommunityRow(String code, String name, boolean rural, byte[] wkb) {}

    record BuildingRow(long id, String buildingId, int households, int people, int vulnerablePeople, byte[] wkb) {}

    record EditRow(int seq, String kind, String changes) {}

    record LineageRow(String direction, String gridCode, String name, int version, OffsetDateTime validFrom,
                      OffsetDateTime validTo, int households) {}

    record GridAt(String gridCode, String name, int version, OffsetDateTime validFrom, OffsetDateTime validTo) {}

    Optional<String> areaLevel(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/area"))) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString("level")) : Optional.empty();
            }
        }
    }

    List<CommunityRow> communities(Connection c, int srid, String prefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/communities"))) {
            ps.setInt(1, srid);
            ps.setString(2, prefix + "%");
            List<CommunityRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CommunityRow(rs.getString("code"), rs.getString("name"), rs.getBoolean("rural"),
                            rs.getBytes("wkb")));
                }
            }
            return out;
        }
    }

    List<BuildingRow> buildings(Connection c, int srid, String community) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/buildings"))) {
            ps.setInt(1, srid);
            ps.setString(2, community);
            List<BuildingRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new BuildingRow(rs.getLong("id"), rs.getString("building_id"), rs.getInt("households"),
                            rs.getInt("people"), rs.getInt("vulnerable_people"), rs.getBytes("wkb")));
                }
            }
            return out;
        }
    }

    String stamp(Connection c, String community) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/buildings_stamp"))) {
            ps.setString(1, community);
            ps.setString(2, community);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    List<byte[]> barriers(Connection c, int srid, String community) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/barriers"))) {
            ps.setInt(1, srid);
            for (int k = 2; k <= 4; k++) {
                ps.setString(k, community);
            }
            List<byte[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getBytes(1));
                }
            }
            return out;
        }
    }

    /** Building row id → colour → households under the scenario's current run (empty: no run, or no scenario). */
    Map<Long, Map<String, Integer>> colours(Connection c, String scenario, String area) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/colours"))) {
            ps.setString(1, scenario);
            ps.setString(2, area + "%");
            Map<Long, Map<String, Integer>> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                }
            }
            return out;
        }
    }

    record DiffRow(long stewards, long transfers) {}

    record TicketPoint(String number, String gridCode, byte[] wkb) {}

    DiffRow diff(Connection c, List<Long> changedBuildings, List<String> endedGrids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/diff"))) {
            java.sql.Array ids = c.createArrayOf("bigint", changedBuildings.toArray());
            ps.setArray(1, ids);
            ps.setArray(2, c.createArrayOf("text", endedGrids.toArray()));
            ps.setArray(3, ids);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new DiffRow(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    List<TicketPoint> openTickets(Connection c, int srid, String area) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/open_tickets"))) {
            ps.setInt(1, srid);
            ps.setString(2, area + "%");
            List<TicketPoint> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TicketPoint(rs.getString(1), rs.getString(2), rs.getBytes(3)));
                }
            }
            return out;
        }
    }

    record RegisterRow(String gridCode, String name, String communityCode, String communityName, int version,
                       OffsetDateTime validFrom, long buildings, long households, long people, long areaM2,
                       String stewards) {}

    List<RegisterRow> register(Connection c, String area) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/register"))) {
            ps.setString(1, area + "%");
            List<RegisterRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RegisterRow(rs.getString("grid_code"), rs.getString("name"),
                            rs.getString("community_code"), rs.getString("community_name"), rs.getInt("version"),
                            Rows.time(rs, "valid_from"), rs.getLong("buildings"), rs.getLong("households"),
                            rs.getLong("people"), rs.getLong("area_m2"), rs.getString("stewards")));
                }
            }
            return out;
        }
    }

    /** Building row id → its current grid code (null: in no grid), for an area. */
    Map<Long, String> currentMembership(Connection c, String area) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/current_membership"))) {
            ps.setString(1, area + "%");
            Map<Long, String> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
            return out;
        }
    }

    int maxSequence(Connection c, String community) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/max_sequence"))) {
            ps.setString(1, community);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    long insertDraft(Connection c, String area, String name, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/draft_insert"))) {
            ps.setString(1, area);
            ps.setString(2, name);
            ps.setString(3, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Copies the area's current grids and building membership into a new draft. */
    void initDraft(Connection c, long draft, String area) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/grids_init"))) {
            ps.setLong(1, draft);
            ps.setString(2, area + "%");
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/assignment_init"))) {
            ps.setLong(1, draft);
            ps.setLong(2, draft);
            ps.setString(3, area + "%");
            ps.executeUpdate();
        }
    }

    Optional<DraftRow> draft(Connection c, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get(forUpdate ? "redistricting/draft_lock"
                : "redistricting/draft_by_id"))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(draftRow(rs)) : Optional.empty();
            }
        }
    }

    List<DraftRow> drafts(Connection c, String area) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/drafts"))) {
            ps.setString(1, area + "%");
            ps.setString(2, area);
            List<DraftRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(draftRow(rs));
                }
            }
            return out;
        }
    }

    private static DraftRow draftRow(ResultSet rs) throws SQLException {
        return new DraftRow(rs.getLong("id"), rs.getString("area_code"), rs.getString("name"), rs.getString("owner"),
                rs.getInt("version"), rs.getString("status"), rs.getString("stale_reason"),
                Rows.time(rs, "created_at"), Rows.time(rs, "updated_at"), Rows.time(rs, "published_at"),
                Rows.time(rs, "effective_from"));
    }

    long openDrafts(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/open_count"))) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    int bump(Connection c, long draft) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/draft_bump"))) {
            ps.setLong(1, draft);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    List<GridRow> grids(Connection c, long draft) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/grids"))) {
            ps.setLong(1, draft);
            List<GridRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new GridRow(rs.getInt("grid_key"), rs.getString("community_code"), rs.getString("name"),
                            rs.getString("source_grid_code"), rs.getBoolean("locked"), rs.getBoolean("deleted")));
                }
            }
            return out;
        }
    }

    void upsertGrid(Connection c, long draft, GridRow g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/grid_upsert"))) {
            ps.setLong(1, draft);
            ps.setInt(2, g.key());
            ps.setString(3, g.communityCode());
            ps.setString(4, g.name());
            ps.setString(5, g.sourceGridCode());
            ps.setBoolean(6, g.locked());
            ps.setBoolean(7, g.deleted());
            ps.executeUpdate();
        }
    }

    /** Building row id → draft grid key (null: in no grid). */
    Map<Long, Integer> assignment(Connection c, long draft) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/assignment"))) {
            ps.setLong(1, draft);
            Map<Long, Integer> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), Rows.intOrNull(rs, "grid_key"));
                }
            }
            return out;
        }
    }

    void assign(Connection c, long draft, Integer key, List<Long> buildings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/assign"))) {
            if (key == null) {
                ps.setNull(1, Types.INTEGER);
            } else {
                ps.setInt(1, key);
            }
            ps.setLong(2, draft);
            ps.setArray(3, c.createArrayOf("bigint", buildings.toArray()));
            ps.executeUpdate();
        }
    }

    void logEdit(Connection c, long draft, String kind, String changesJson, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/edits_drop_undone"))) {
            ps.setLong(1, draft);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/edit_insert"))) {
            ps.setLong(1, draft);
            ps.setString(2, kind);
            ps.setString(3, changesJson);
            ps.setString(4, user);
            ps.setLong(5, draft);
            ps.executeUpdate();
        }
    }

    /** The edit to undo (undone = false: the last done) or to redo (undone = true: the first undone). */
    Optional<EditRow> edit(Connection c, long draft, boolean undone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/edit_last"))) {
            ps.setLong(1, draft);
            ps.setBoolean(2, undone);
            ps.setBoolean(3, undone);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new EditRow(rs.getInt(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    void markEdit(Connection c, long draft, int seq, boolean undone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/edit_mark"))) {
            ps.setBoolean(1, undone);
            ps.setLong(2, draft);
            ps.setInt(3, seq);
            ps.executeUpdate();
        }
    }

    int[] editCounts(Connection c, long draft) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/edit_counts"))) {
            ps.setLong(1, draft);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new int[] {rs.getInt(1), rs.getInt(2)};
            }
        }
    }

    // ---- publish (one transaction, in this order) ----

    void snapshotBefore(Connection c, long draft) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/publish_before"))) {
            ps.setLong(1, draft);
            ps.executeUpdate();
        }
    }

    /** A new grid version to insert at a publish (geometry WKB in EPSG:4326). */
    record NewGrid(String code, String name, String community, boolean rural, byte[] wkb) {}

    /** Ends the area's current grids and starts the new ones at {@code effective}, in one statement. */
    void replaceGrids(Connection c, String area, List<NewGrid> grids, OffsetDateTime effective) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/publish_insert_grid"))) {
            ps.setObject(1, effective, Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setString(2, area + "%");
            ps.setObject(3, effective, Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setArray(4, c.createArrayOf("text", grids.stream().map(NewGrid::code).toArray()));
            ps.setArray(5, c.createArrayOf("text", grids.stream().map(NewGrid::name).toArray()));
            ps.setArray(6, c.createArrayOf("text", grids.stream().map(NewGrid::community).toArray()));
            ps.setArray(7, c.createArrayOf("boolean", grids.stream().map(NewGrid::rural).toArray()));
            ps.setArray(8, c.createArrayOf("text", grids.stream().map(g -> java.util.HexFormat.of().formatHex(g.wkb()))
                    .toArray()));
            ps.executeUpdate();
        }
    }

    void mapping(Connection c, List<Integer> keys, List<String> codes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/publish_mapping"))) {
            ps.setArray(1, c.createArrayOf("integer", keys.toArray()));
            ps.setArray(2, c.createArrayOf("text", codes.toArray()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/publish_successor"))) {
            ps.executeUpdate();
        }
    }

    void lineage(Connection c, long draft, OffsetDateTime effective) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/publish_lineage"))) {
            ps.setLong(1, draft);
            ps.setObject(2, effective, Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(3, effective, Types.TIMESTAMP_WITH_TIMEZONE);
            ps.executeUpdate();
        }
    }

    long moveStewards(Connection c, String area) throws SQLException {
        long n;
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/publish_stewards"))) {
            ps.setString(1, area + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                n = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/publish_users"))) {
            ps.setString(1, area + "%");
            ps.executeUpdate();
        }
        return n;
    }

    long moveTickets(Connection c, String area, String actor, long draft) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/publish_tickets"))) {
            ps.setString(1, area + "%");
            ps.setString(2, actor);
            ps.setLong(3, draft);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void markPublished(Connection c, long draft, String area, OffsetDateTime effective, String reason)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/publish_mark"))) {
            ps.setObject(1, effective, Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setLong(2, draft);
            ps.setString(3, reason);
            ps.setLong(4, draft);
            ps.setString(5, area);
            ps.setString(6, area);
            ps.executeUpdate();
        }
    }

    // ---- history ----

    List<LineageRow> lineage(Connection c, String gridCode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/lineage"))) {
            ps.setString(1, gridCode);
            ps.setString(2, gridCode);
            List<LineageRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LineageRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            Rows.time(rs, "valid_from"), Rows.time(rs, "valid_to"), rs.getInt(7)));
                }
            }
            return out;
        }
    }

    Optional<GridAt> gridAt(Connection c, double lon, double lat, OffsetDateTime at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("redistricting/grid_at_point"))) {
            ps.setDouble(1, lon);
            ps.setDouble(2, lat);
            ps.setObject(3, at, Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(4, at, Types.TIMESTAMP_WITH_TIMEZONE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new GridAt(rs.getString(1), rs.getString(2), rs.getInt(3),
                        Rows.time(rs, "valid_from"), Rows.time(rs, "valid_to"))) : Optional.empty();
            }
        }
    }
}

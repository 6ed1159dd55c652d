package org.gridmap.coverage;

import jakarta.inject.Singleton;
import org.gridmap.support.Lock;
import org.gridmap.support.LockRepository;
import org.gridmap.support.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** The only SQL of coverage QA: its inputs (metric geometries as WKB) and the stored findings layer. */
@Singleton
class CoverageRepository {
    record CommunityRow(String code, byte[] wkb) {}

    record GridRow(String code, String communityCode, boolean rural, byte[] wkb, int households, boolean chief,
                   boolean worker) {}

    record BuildingRow(String id, String communityCode, byte[] wkb, int households) {}

    record SplitRow(String id, String communityCode, String gridCode, byte[] wkb, double outsideM2,
                    String otherGrids, int households) {}

    /** A finding as written to the findings layer (geometry in EPSG:4326 as WKB, or none). */
    record NewFinding(String id, String kind, String communityCode, String gridCode, String otherGridCode,
                      String buildingId, double areaM2, double lengthM, Integer households, String detail,
                      byte[] wkb) {}

    List<CommunityRow> communities(Connection c, int srid, String prefix) throws SQLException {
        List<CommunityRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("coverage/communities"))) {
            ps.setInt(1, srid);
            ps.setString(2, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CommunityRow(rs.getString(1), rs.getBytes(3)));
                }
            }
        }
        return out;
    }

    List<GridRow> grids(Connection c, int srid, String prefix) throws SQLException {
        List<GridRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("coverage/grids"))) {
            ps.setString(1, prefix + "%");
            ps.setString(2, prefix + "%");
            ps.setInt(3, srid);
            ps.setString(4, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new GridRow(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBytes(4),
                            rs.getInt(5), rs.getBoolean(6), rs.getBoolean(7)));
                }
            }
        }
        return out;
    }

    List<BuildingRow> buildingsWithoutGrid(Connection c, int srid, String prefix) throws SQLException {
        List<BuildingRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("coverage/buildings_without_grid"))) {
            ps.setInt(1, srid);
            ps.setString(2, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new BuildingRow(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getInt(4)));
                }
            }
        }
        return out;
    }

    List<SplitRow> buildingsSplit(Connection c, int srid, String prefix) throws SQLException {
        List<SplitRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("coverage/buildings_split"))) {
            ps.setInt(1, srid);
            ps.setInt(2, srid);
            ps.setString(3, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SplitRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                            rs.getDouble(5), rs.getString(6), rs.getInt(7)));
                }
            }
        }
        return out;
    }

    /** Households under the prefix, and those in a building some current grid holds. */
    long[] householdTotals(Connection c, String prefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("coverage/household_totals"))) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ the layer

    /** The inputs' data version now, and the one the stored snapshot was computed at (-1 when none). */
    long[] versions(Connection c, List<String> inputs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("coverage/snapshot_version"))) {
            ps.setArray(1, c.createArrayOf("text", inputs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long snap = rs.getLong(2);
                return new long[] {rs.getLong(1), rs.wasNull() ? -1 : snap};
            }
        }
    }

    /** Waits until no other transaction rebuilds the layer. */
    void lockRebuild(Connection c) throws SQLException {
        LockRepository.forTransaction(c, Lock.COVERAGE_FINDINGS, 0);
    }

    /** Replaces every stored finding, and tags the snapshot with the inputs' version. */
    void replace(Connection c, List<NewFinding> findings, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("coverage/finding_delete_all"))) {
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(Sql.get("coverage/finding_insert"))) {
            for (NewFinding f : findings) {
                ps.setString(1, f.id());
                ps.setString(2, f.kind());
                ps.setString(3, f.communityCode());
                ps.setString(4, f.gridCode());
                ps.setString(5, f.otherGridCode());
                ps.setString(6, f.buildingId());
                ps.setDouble(7, f.areaM2());
                ps.setDouble(8, f.lengthM());
                ps.setObject(9, f.households(), Types.INTEGER);
                ps.setString(10, f.detail());
                ps.setBytes(11, f.wkb());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(Sql.get("coverage/snapshot_replace"))) {
            ps.setLong(1, version);
            ps.executeUpdate();
        }
    }

    List<CoverageFindingsLayer.Stored> findingsOfGrid(Connection c, String gridCode) throws SQLException {
        List<CoverageFindingsLayer.Stored> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("coverage/findings_of_grid"))) {
            ps.setString(1, gridCode);
            ps.setString(2, gridCode);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int hh = rs.getInt(8);
                    Integer households = rs.wasNull() ? null : hh;
                    out.add(new CoverageFindingsLayer.Stored(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getDouble(6), rs.getDouble(7), households,
                            rs.getString(9)));
                }
            }
        }
        return out;
    }
}

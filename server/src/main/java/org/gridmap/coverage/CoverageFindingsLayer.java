package org.gridmap.coverage;

import jakarta.inject.Singleton;
import org.gridmap.coverage.CoverageEngine.Finding;
import org.gridmap.layer.DerivedLayer;
import org.gridmap.support.Db;
import org.gridmap.support.Sql;
import org.gridmap.support.Wkb;
import org.locationtech.jts.geom.Geometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The coverage findings layer (V8): every finding of the whole database, as a snapshot tagged with the data version
 * it was computed from. A read finds the snapshot current or recomputes it first (one instance at a time, under a
 * transaction-scoped advisory lock; the others wait and then find it current).
 */
@Singleton
public class CoverageFindingsLayer implements DerivedLayer {
    private static final Logger LOG = LoggerFactory.getLogger(CoverageFindingsLayer.class);
    private static final int LOCK = 7263;

    /** A finding as stored, for a grid's panel. */
    @io.micronaut.serde.annotation.Serdeable(naming = io.micronaut.serde.config.naming.SnakeCaseStrategy.class)
    public record Stored(String kind, String communityCode, String gridCode, String otherGridCode, String buildingId,
                         double areaM2, double lengthM, Integer households, String detail) {}

    private final Db db;
    private final CoverageService coverage;

    CoverageFindingsLayer(Db db, CoverageService coverage) {
        this.db = db;
        this.coverage = coverage;
    }

    @Override
    public String layerId() {
        return "coverage_findings";
    }

    @Override
    public void refresh() {
        if (current(db.read(CoverageFindingsLayer::versions))) {
            return;
        }
        db.tx(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            }
            long[] v = versions(c);
            if (current(v)) {
                return null; // another request or instance did it while this one waited
            }
            long t0 = System.nanoTime();
            // The data version is read before the analysis: if data changes during it, the snapshot is tagged with
            // the older version and the next read computes it again.
            List<Finding> findings = coverage.analyze("").findings();
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM coverage_finding");
            }
            try (PreparedStatement ps = c.prepareStatement(Sql.get("coverage/finding_insert"))) {
                int n = 0;
                for (Finding f : findings) {
                    ps.setString(1, f.kind().name().toLowerCase(java.util.Locale.ROOT) + "-" + (++n));
                    ps.setString(2, f.kind().name());
                    ps.setString(3, f.communityCode());
                    ps.setString(4, f.gridCode());
                    ps.setString(5, f.otherGridCode());
                    ps.setString(6, f.buildingId());
                    ps.setDouble(7, CoverageService.round(f.areaM2()));
                    ps.setDouble(8, CoverageService.round(f.lengthM()));
                    if (f.households() == null) {
                        ps.setNull(9, Types.INTEGER);
                    } else {
                        ps.setInt(9, f.households());
                    }
                    ps.setString(10, f.detail());
                    Geometry g = storable(f.geom() == null ? null : coverage.metric().toWgs84(f.geom()));
                    ps.setBytes(11, g == null ? null : Wkb.write(g));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(Sql.get("coverage/snapshot_replace"))) {
                ps.setLong(1, v[0]);
                ps.executeUpdate();
            }
            LOG.info("coverage findings layer: {} findings at data version {} in {} ms", findings.size(), v[0],
                    (System.nanoTime() - t0) / 1_000_000);
            return null;
        });
    }

    /** The findings naming a grid, from a current snapshot. */
    public List<Stored> ofGrid(String gridCode) {
        refresh();
        return db.read(c -> {
            List<Stored> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(Sql.get("coverage/findings_of_grid"))) {
                ps.setString(1, gridCode);
                ps.setString(2, gridCode);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int hh = rs.getInt(8);
                        Integer households = rs.wasNull() ? null : hh;
                        out.add(new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getDouble(6), rs.getDouble(7), households, rs.getString(9)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * A finding's geometry in a form PostGIS stores: valid (fixed by JTS when the reprojection made it invalid),
     * without empty parts or degenerate rings; else none (the finding is kept without a shape).
     */
    static Geometry storable(Geometry g) {
        if (g == null || g.isEmpty()) {
            return null;
        }
        Geometry out = g.isValid() ? g : org.locationtech.jts.geom.util.GeometryFixer.fix(g);
        if (out.isEmpty() || !out.isValid() || org.gridmap.support.WellFormed.problem(out) != null) {
            LOG.warn("coverage findings layer: a finding's shape could not be stored and was left out");
            return null;
        }
        return out;
    }

    private static boolean current(long[] v) {
        return v[1] == v[0];
    }

    private static long[] versions(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("coverage/snapshot_version"));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            long snap = rs.getLong(2);
            return new long[] {rs.getLong(1), rs.wasNull() ? -1 : snap};
        }
    }
}

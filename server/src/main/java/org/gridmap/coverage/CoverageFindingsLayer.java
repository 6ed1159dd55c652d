package org.gridmap.coverage;

import jakarta.inject.Singleton;
import org.gridmap.coverage.CoverageEngine.Finding;
import org.gridmap.layer.DerivedLayer;
import org.gridmap.layer.Layer;
import org.gridmap.layer.LayerSource;
import org.gridmap.support.Db;
import org.gridmap.support.Wkb;
import org.locationtech.jts.geom.Geometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The coverage findings layer: every finding of the whole database, as a snapshot tagged with the data version of its
 * inputs it was computed from. A read finds the snapshot current or recomputes it first (one instance at a time, under a
 * transaction-scoped advisory lock; the others wait and then find it current).
 */
@Singleton
public class CoverageFindingsLayer implements DerivedLayer, LayerSource {
    /** What the findings are computed from: their snapshot (and their tiles) follow these tables' versions. */
    static final List<String> INPUTS = List.of("admin_area", "grid", "building", "area_stats", "steward", "setting");

    private static final Logger LOG = LoggerFactory.getLogger(CoverageFindingsLayer.class);

    /** A finding as stored, for a grid's panel. */
    @io.micronaut.serde.annotation.Serdeable(naming = io.micronaut.serde.config.naming.SnakeCaseStrategy.class)
    public record Stored(String kind, String communityCode, String gridCode, String otherGridCode, String buildingId,
                         double areaM2, double lengthM, Integer households, String detail) {}

    private final Db db;
    private final CoverageService coverage;
    private final CoverageRepository repo;

    CoverageFindingsLayer(Db db, CoverageService coverage, CoverageRepository repo) {
        this.db = db;
        this.coverage = coverage;
        this.repo = repo;
    }

    @Override
    public String layerId() {
        return "coverage_findings";
    }

    @Override
    public List<Layer> layers() {
        return List.of(Layer.define(layerId(), "覆盖质检问题", "Coverage findings", "layer_coverage_findings", "Geometry",
                80, 10, 20, Layer.Scenario.NONE, "scope", INPUTS.toArray(String[]::new)));
    }

    @Override
    public void refresh() {
        if (current(db.read(c -> repo.versions(c, INPUTS)))) {
            return;
        }
        db.tx(c -> {
            repo.lockRebuild(c);
            long[] v = repo.versions(c, INPUTS);
            if (current(v)) {
                return null; // another request or instance did it while this one waited
            }
            long t0 = System.nanoTime();
            // The data version is read before the analysis: if data changes during it, the snapshot is tagged with
            // the older version and the next read computes it again.
            List<Finding> findings = coverage.analyze("").findings();
            List<CoverageRepository.NewFinding> rows = new ArrayList<>();
            int n = 0;
            for (Finding f : findings) {
                Geometry g = storable(f.geom() == null ? null : coverage.metric().toWgs84(f.geom()));
                rows.add(new CoverageRepository.NewFinding(f.kind().name().toLowerCase(java.util.Locale.ROOT) + "-"
                        + (++n), f.kind().name(), f.communityCode(), f.gridCode(), f.otherGridCode(), f.buildingId(),
                        CoverageService.round(f.areaM2()), CoverageService.round(f.lengthM()), f.households(),
                        f.detail(), g == null ? null : Wkb.write(g)));
            }
            repo.replace(c, rows, v[0]);
            LOG.info("coverage findings layer: {} findings at data version {} in {} ms", findings.size(), v[0],
                    (System.nanoTime() - t0) / 1_000_000);
            return null;
        });
    }

    /** The findings naming a grid, from a current snapshot. */
    public List<Stored> ofGrid(String gridCode) {
        refresh();
        return db.read(c -> repo.findingsOfGrid(c, gridCode));
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
}

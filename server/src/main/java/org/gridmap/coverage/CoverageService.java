package org.gridmap.coverage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Singleton;
import org.gridmap.coverage.CoverageEngine.Community;
import org.gridmap.coverage.CoverageEngine.Finding;
import org.gridmap.coverage.CoverageEngine.GridShape;
import org.gridmap.coverage.CoverageEngine.Kind;
import org.gridmap.support.Db;
import org.gridmap.support.DeploymentConfig;
import org.gridmap.support.MetricCrs;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage QA for an area (district, street or community): the geometric findings of {@link CoverageEngine} plus
 * the findings that need the database (buildings in no grid or cut by a grid boundary, households per grid outside
 * the band, grids without a chief or worker), with covered shares and counts per child area.
 */
@Singleton
public class CoverageService {

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record FindingView(String kind, @Nullable String communityCode, @Nullable String gridCode,
                              @Nullable String otherGridCode, @Nullable String buildingId, double areaM2,
                              double lengthM, @Nullable Integer households, String detail) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ChildSummary(String code, double areaM2, double gapM2, double coveredAreaShare,
                               Map<String, Integer> counts) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Band(int urbanMin, int urbanMax, int ruralMin, int ruralMax) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Report(String area, double toleranceM2, Band band, int communities, int grids, double areaM2,
                         double gapM2, double coveredAreaShare, long households, long householdsCovered,
                         double coveredHouseholdShare, Map<String, Integer> counts, List<ChildSummary> children,
                         int findingsTotal, List<FindingView> findings, long elapsedMs,
                         Map<String, Long> timingsMs) {}

    /** A full analysis, with metric geometries, for the GeoJSON and CSV outputs. */
    public record Analysis(Report report, List<Finding> findings) {}

    private final Db db;
    private final CoverageConfig config;
    private final MetricCrs metric;

    private final CoverageRepository repo;

    CoverageService(Db db, CoverageConfig config, DeploymentConfig deployment, CoverageRepository repo) {
        this.db = db;
        this.config = config;
        this.repo = repo;
        this.metric = new MetricCrs(deployment.metricSrid());
    }

    public MetricCrs metric() {
        return metric;
    }

    /** Analyses everything under the area prefix (6-, 9- or 12-digit code). */
    public Analysis analyze(String prefix) {
        long t0 = System.nanoTime();
        CoverageConfig cfg = config;
        int srid = metric.srid();
        GeometryFactory gf = new GeometryFactory(new PrecisionModel(), srid);
        WKBReader wkb = new WKBReader(gf);
        List<Community> communities = new ArrayList<>();
        List<GridShape> grids = new ArrayList<>();
        Map<String, int[]> gridFacts = new LinkedHashMap<>(); // households, rural, chief, worker
        List<Finding> dbFindings = new ArrayList<>();
        long[] totals = new long[2];
        db.read(c -> {
            for (CoverageRepository.CommunityRow r : repo.communities(c, srid, prefix)) {
                Geometry g = usable(wkb, r.wkb(), r.code(), null, "community", dbFindings);
                if (g != null) {
                    communities.add(new Community(r.code(), g));
                }
            }
            for (CoverageRepository.GridRow r : repo.grids(c, srid, prefix)) {
                Geometry g = usable(wkb, r.wkb(), r.communityCode(), r.code(), "grid", dbFindings);
                if (g == null) {
                    continue;
                }
                grids.add(new GridShape(r.code(), r.communityCode(), g));
                gridFacts.put(r.code(), new int[] {r.households(), r.rural() ? 1 : 0, r.chief() ? 1 : 0,
                    r.worker() ? 1 : 0});
            }
            buildingFindings(c, prefix, srid, wkb, dbFindings);
            long[] t = repo.householdTotals(c, prefix);
            totals[0] = t[0];
            totals[1] = t[1];
            return null;
        });
        long tLoaded = System.nanoTime();
        CoverageEngine.Result geo = new CoverageEngine(cfg.sliverM2(), cfg.edgeToleranceM())
                .analyze(communities, grids);
        long tGeometry = System.nanoTime();
        List<Finding> all = new ArrayList<>(geo.findings());
        all.addAll(dbFindings);
        Map<String, GridShape> gridByCode = new LinkedHashMap<>();
        grids.forEach(g -> gridByCode.put(g.code(), g));
        gridFacts.forEach((code, f) -> {
            GridShape g = gridByCode.get(code);
            boolean rural = f[1] == 1;
            int min = rural ? cfg.ruralMinHouseholds() : cfg.urbanMinHouseholds();
            int max = rural ? cfg.ruralMaxHouseholds() : cfg.urbanMaxHouseholds();
            if (f[0] < min || f[0] > max) {
                all.add(new Finding(Kind.HOUSEHOLD_BAND, g.communityCode(), code, null, null, g.geom(), 0, 0,
                        Math.abs(f[0] < min ? min - f[0] : f[0] - max), f[0] + " households, outside "
                        + min + "–" + (max == Integer.MAX_VALUE ? "∞" : String.valueOf(max))
                        + (f[0] < min ? " (too few)" : " (too many)")));
            }
            if (f[2] == 0) {
                all.add(new Finding(Kind.NO_GRID_CHIEF, g.communityCode(), code, null, null, g.geom(), 0, 0, null,
                        "no 网格长 (grid chief) is assigned"));
            }
            if (f[3] == 0) {
                all.add(new Finding(Kind.NO_GRID_WORKER, g.communityCode(), code, null, null, g.geom(), 0, 0, null,
                        "no 网格员 (grid worker) is assigned"));
            }
        });
        all.sort(Comparator.comparing((Finding f) -> f.kind().ordinal())
                .thenComparing(Comparator.comparingDouble(Finding::severity).reversed())
                .thenComparing(f -> f.gridCode() == null ? "" : f.gridCode()));

        double area = geo.communityAreaM2().values().stream().mapToDouble(Double::doubleValue).sum();
        double gap = geo.gapAreaM2().values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Integer> counts = countByKind(all);
        int childLength = prefix.length() == 6 ? 9 : prefix.length() == 9 ? 12 : 15;
        Map<String, List<Finding>> byChild = new LinkedHashMap<>();
        Map<String, double[]> childArea = new LinkedHashMap<>();
        for (Community c : communities) {
            String child = c.code().length() >= childLength ? c.code().substring(0, childLength) : c.code();
            if (childLength == 15) {
                continue;
            }
            double[] a = childArea.computeIfAbsent(child, k -> new double[2]);
            a[0] += geo.communityAreaM2().getOrDefault(c.code(), 0.0);
            a[1] += geo.gapAreaM2().getOrDefault(c.code(), 0.0);
        }
        if (childLength == 15) {
            grids.forEach(g -> childArea.put(g.code(), new double[] {g.geom().getArea(), 0}));
        }
        for (Finding f : all) {
            String code = f.gridCode() != null && childLength == 15 ? f.gridCode() : f.communityCode();
            if (code != null && code.length() >= childLength) {
                byChild.computeIfAbsent(code.substring(0, childLength), k -> new ArrayList<>()).add(f);
            }
        }
        List<ChildSummary> children = new ArrayList<>();
        childArea.forEach((code, a) -> children.add(new ChildSummary(code, round(a[0]), round(a[1]),
                a[0] == 0 ? 1.0 : share(1 - a[1] / a[0]), countByKind(byChild.getOrDefault(code, List.of())))));
        List<FindingView> views = all.stream().limit(cfg.maxListedFindings()).map(CoverageService::view).toList();
        Report report = new Report(prefix, cfg.sliverM2(), new Band(cfg.urbanMinHouseholds(),
                cfg.urbanMaxHouseholds(), cfg.ruralMinHouseholds(), cfg.ruralMaxHouseholds()),
                communities.size(), grids.size(), round(area), round(gap), area == 0 ? 0 : share(1 - gap / area),
                totals[0], totals[1], totals[0] == 0 ? 1.0 : share((double) totals[1] / totals[0]), counts, children,
                all.size(), views, (System.nanoTime() - t0) / 1_000_000, Map.of("load", (tLoaded - t0) / 1_000_000,
                "geometry", (tGeometry - tLoaded) / 1_000_000, "assemble", (System.nanoTime() - tGeometry) / 1_000_000));
        return new Analysis(report, all);
    }

    private void buildingFindings(Connection c, String prefix, int srid, WKBReader wkb, List<Finding> out)
            throws SQLException {
        double tol = config.sliverM2();
        for (CoverageRepository.BuildingRow r : repo.buildingsWithoutGrid(c, srid, prefix)) {
            Geometry g = usable(wkb, r.wkb(), r.communityCode(), null, "building " + r.id(), out);
            if (g != null) {
                out.add(new Finding(Kind.BUILDING_NO_GRID, r.communityCode(), null, null, r.id(), g, g.getArea(), 0,
                        r.households(), "no grid holds this building"));
            }
        }
        for (CoverageRepository.SplitRow r : repo.buildingsSplit(c, srid, prefix)) {
            if (r.outsideM2() <= tol) {
                continue;
            }
            Geometry g = usable(wkb, r.wkb(), r.communityCode(), r.gridCode(), "building " + r.id(), out);
            if (g == null) {
                continue;
            }
            String others = r.otherGrids();
            out.add(new Finding(Kind.BUILDING_SPLIT, r.communityCode(), r.gridCode(), others, r.id(), g,
                    r.outsideM2(), 0, r.households(), Math.round(r.outsideM2()) + " m² of the building lie outside "
                    + "its grid" + (others == null ? "" : " (in " + others + ")")));
        }
    }

    static Map<String, Integer> countByKind(List<Finding> fs) {
        Map<Kind, Integer> m = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            m.put(k, 0);
        }
        fs.forEach(f -> m.merge(f.kind(), 1, Integer::sum));
        Map<String, Integer> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k.name(), v));
        return out;
    }

    static FindingView view(Finding f) {
        return new FindingView(f.kind().name(), f.communityCode(), f.gridCode(), f.otherGridCode(), f.buildingId(),
                round(f.areaM2()), round(f.lengthM()), f.households(), f.detail());
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double share(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /**
     * A stored geometry as the analysis needs it, or null when it cannot be used — unreadable, empty, or invalid
     * once in the metric CRS — in which case it is reported as an UNUSABLE_GEOMETRY finding and skipped, so that one
     * bad row never takes the whole area's QA (or the findings layer, or the grid panels) down with it.
     */
    private static Geometry usable(WKBReader wkb, byte[] bytes, String community, String grid, String what,
                                   List<Finding> findings) {
        String problem;
        try {
            Geometry g = wkb.read(bytes);
            org.locationtech.jts.operation.valid.TopologyValidationError err =
                    new org.locationtech.jts.operation.valid.IsValidOp(g).getValidationError();
            if (!g.isEmpty() && err == null) {
                return g;
            }
            problem = g.isEmpty() ? "is empty" : "is not valid in the metric CRS: " + err.getMessage();
        } catch (ParseException | RuntimeException e) {
            problem = "cannot be read: " + org.gridmap.support.Texts.excerpt(e.getMessage(), 200);
        }
        LOG.warn("coverage: {} skipped, its geometry {}", what, problem);
        findings.add(new Finding(Kind.UNUSABLE_GEOMETRY, community, grid, null, null, null, 0, 0, null,
                "the geometry of " + what + " " + problem + "; it was left out of the analysis: correct it"));
        return null;
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CoverageService.class);
}

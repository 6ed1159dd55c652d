package org.gridmap.coverage;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.linemerge.LineMerger;
import org.locationtech.jts.operation.relateng.RelateNG;
import org.locationtech.jts.operation.union.UnaryUnionOp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The geometric half of coverage QA: given communities and their grids in a metric CRS (metres), finds gaps,
 * overlaps, grids reaching outside their community, communities without grids, and invalid shared edges
 * (neighbours whose boundaries do not match vertex for vertex, JTS {@link CoverageValidator}). Each defect is
 * reported once: edge mismatches that are the border of a gap, overlap or outside part are not reported again
 * as invalid edges.
 *
 * <p>Areas are in m² and lengths in m of the input CRS; parts smaller than {@code sliverM2} are ignored.
 */
public final class CoverageEngine {

    public enum Kind {
        COMMUNITY_WITHOUT_GRIDS, GAP, OVERLAP, OUTSIDE_COMMUNITY, INVALID_EDGE, BUILDING_NO_GRID, BUILDING_SPLIT,
        HOUSEHOLD_BAND, NO_GRID_CHIEF, NO_GRID_WORKER,
        /** A stored geometry the analysis cannot use (unreadable, or invalid in the metric CRS): skipped, reported. */
        UNUSABLE_GEOMETRY
    }

    public record Community(String code, Geometry geom) {}

    public record GridShape(String code, String communityCode, Geometry geom) {}

    /** One finding. {@code geom} is in the input CRS; codes may be null where they do not apply. */
    public record Finding(Kind kind, String communityCode, String gridCode, String otherGridCode, String buildingId,
                          Geometry geom, double areaM2, double lengthM, Integer households, String detail) {
        public double severity() {
            return switch (kind) {
                case INVALID_EDGE -> lengthM;
                case HOUSEHOLD_BAND, BUILDING_NO_GRID, BUILDING_SPLIT -> households == null ? 0 : households;
                case NO_GRID_CHIEF, NO_GRID_WORKER -> 0;
                default -> areaM2;
            };
        }
    }

    public record Result(List<Finding> findings, Map<String, Double> communityAreaM2, Map<String, Double> gapAreaM2) {}

    private final double sliverM2;
    private final double edgeToleranceM;

    /**
     * @param sliverM2       smallest gap, overlap or outside part reported, in m² (must be ≥ 0)
     * @param edgeToleranceM invalid edges shorter than this (m) are not reported; also the distance within which an
     *                       edge counts as the border of a gap or overlap (must be &gt; 0)
     */
    public CoverageEngine(double sliverM2, double edgeToleranceM) {
        if (sliverM2 < 0 || edgeToleranceM <= 0) {
            throw new IllegalArgumentException("sliverM2 must be >= 0 and edgeToleranceM > 0");
        }
        this.sliverM2 = sliverM2;
        this.edgeToleranceM = edgeToleranceM;
    }

    public Result analyze(List<Community> communities, List<GridShape> grids) {
        List<Finding> out = new ArrayList<>();
        Map<String, Community> byCode = new HashMap<>();
        communities.forEach(c -> byCode.put(c.code(), c));
        Map<String, List<GridShape>> gridsOf = new LinkedHashMap<>();
        for (GridShape g : grids) {
            gridsOf.computeIfAbsent(g.communityCode(), k -> new ArrayList<>()).add(g);
        }
        Geometry[] shapes = grids.stream().map(GridShape::geom).toArray(Geometry[]::new);
        Geometry[] invalid = CoverageValidator.validate(shapes, edgeToleranceM); // narrow slivers count too
        Map<GridShape, Geometry> invalidOf = new HashMap<>();
        for (int k = 0; k < shapes.length; k++) {
            if (invalid[k] != null && !invalid[k].isEmpty()) {
                invalidOf.put(grids.get(k), invalid[k]);
            }
        }
        List<Geometry> defects = new ArrayList<>();

        // Gaps, per community: the community minus the union of its grids.
        Map<String, Double> communityArea = new LinkedHashMap<>();
        Map<String, Double> gapArea = new LinkedHashMap<>();
        for (Community c : communities) {
            if (c.geom() == null) {
                continue;
            }
            communityArea.put(c.code(), c.geom().getArea());
            List<GridShape> gs = gridsOf.getOrDefault(c.code(), List.of());
            if (gs.isEmpty()) {
                out.add(new Finding(Kind.COMMUNITY_WITHOUT_GRIDS, c.code(), null, null, null, c.geom(),
                        c.geom().getArea(), 0, null, "the community has no grids"));
                gapArea.put(c.code(), c.geom().getArea());
                defects.add(c.geom());
                continue;
            }
            boolean valid = gs.stream().noneMatch(invalidOf::containsKey);
            Geometry union = valid ? CoverageUnion.union(gs.stream().map(GridShape::geom).toArray(Geometry[]::new))
                    : UnaryUnionOp.union(gs.stream().map(GridShape::geom).toList());
            Geometry gaps = c.geom().difference(union);
            double total = 0;
            for (Polygon p : polygons(gaps)) {
                if (p.getArea() > sliverM2) {
                    defects.add(p);
                    total += p.getArea();
                    out.add(new Finding(Kind.GAP, c.code(), null, null, null, p, p.getArea(), 0, null,
                            "no grid covers this part of the community"));
                }
            }
            gapArea.put(c.code(), total);
        }

        // Parts of grids outside their community.
        Map<String, PreparedGeometry> preparedCommunities = new HashMap<>();
        for (GridShape g : grids) {
            Community c = byCode.get(g.communityCode());
            if (c == null || c.geom() == null) {
                continue;
            }
            PreparedGeometry pc = preparedCommunities.computeIfAbsent(c.code(),
                    k -> PreparedGeometryFactory.prepare(c.geom()));
            if (pc.covers(g.geom())) {
                continue;
            }
            for (Polygon p : polygons(g.geom().difference(c.geom()))) {
                if (p.getArea() > sliverM2) {
                    defects.add(p);
                    out.add(new Finding(Kind.OUTSIDE_COMMUNITY, g.communityCode(), g.code(), null, null, p,
                            p.getArea(), 0, null, "the grid reaches outside its community " + g.communityCode()));
                }
            }
        }

        // Overlaps between any two grids whose interiors meet.
        STRtree index = new STRtree();
        grids.forEach(g -> index.insert(g.geom().getEnvelopeInternal(), g));
        for (GridShape a : grids) {
            RelateNG prepared = null;
            @SuppressWarnings("unchecked")
            List<GridShape> near = index.query(a.geom().getEnvelopeInternal());
            for (GridShape b : near) {
                if (b == a || b.code().compareTo(a.code()) <= 0) {
                    continue; // each pair once
                }
                if (!invalidOf.containsKey(a) && !invalidOf.containsKey(b)) {
                    continue; // the validator found both edges sound: their interiors cannot overlap
                }
                if (prepared == null) {
                    prepared = RelateNG.prepare(a.geom());
                }
                if (!prepared.evaluate(b.geom(), "T********")) {
                    continue;
                }
                for (Polygon p : polygons(a.geom().intersection(b.geom()))) {
                    if (p.getArea() > sliverM2) {
                        defects.add(p);
                        out.add(new Finding(Kind.OVERLAP, a.communityCode(), a.code(), b.code(), null, p, p.getArea(),
                                0, null, "grids " + a.code() + " and " + b.code() + " overlap"));
                    }
                }
            }
        }

        // Invalid shared edges not explained by the area findings above.
        if (!invalidOf.isEmpty()) {
            GeometryFactory gf = grids.get(0).geom().getFactory();
            Geometry explained = defects.isEmpty() ? null
                    : UnaryUnionOp.union(defects).buffer(edgeToleranceM);
            PreparedGeometry explainedPrep = explained == null ? null : PreparedGeometryFactory.prepare(explained);
            List<Geometry> lines = new ArrayList<>();
            for (Geometry l : invalidOf.values()) {
                // The validator reports whole segments: one that touches a gap, overlap or outside part is explained.
                for (int k = 0; k < l.getNumGeometries(); k++) {
                    org.locationtech.jts.geom.Coordinate[] cs = l.getGeometryN(k).getCoordinates();
                    for (int i = 0; i + 1 < cs.length; i++) {
                        LineString seg = gf.createLineString(new org.locationtech.jts.geom.Coordinate[] {cs[i], cs[i + 1]});
                        if (explainedPrep == null || !explainedPrep.intersects(seg)) {
                            lines.add(seg);
                        }
                    }
                }
            }
            if (!lines.isEmpty()) {
                LineMerger merger = new LineMerger();
                merger.add(UnaryUnionOp.union(lines));
                @SuppressWarnings("unchecked")
                List<LineString> merged = new ArrayList<>((Collection<LineString>) merger.getMergedLineStrings());
                // The two sides of one mismatched boundary lie within the tolerance of each other: one finding.
                int[] parent = new int[merged.size()];
                for (int i = 0; i < parent.length; i++) {
                    parent[i] = i;
                }
                STRtree lineIndex = new STRtree();
                for (int i = 0; i < merged.size(); i++) {
                    org.locationtech.jts.geom.Envelope e = new org.locationtech.jts.geom.Envelope(
                            merged.get(i).getEnvelopeInternal());
                    e.expandBy(edgeToleranceM);
                    lineIndex.insert(e, i);
                }
                for (int i = 0; i < merged.size(); i++) {
                    @SuppressWarnings("unchecked")
                    List<Integer> near = lineIndex.query(merged.get(i).getEnvelopeInternal());
                    for (int j : near) {
                        if (j != i && merged.get(i).isWithinDistance(merged.get(j), edgeToleranceM)) {
                            parent[find(parent, i)] = find(parent, j);
                        }
                    }
                }
                Map<Integer, List<LineString>> clusters = new LinkedHashMap<>();
                for (int i = 0; i < merged.size(); i++) {
                    clusters.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(merged.get(i));
                }
                for (List<LineString> cluster : clusters.values()) {
                    Geometry geom = gf.createMultiLineString(cluster.toArray(LineString[]::new));
                    // Centreline length of the mismatch, whether one side or both sides were reported.
                    double t = edgeToleranceM;
                    double length = (geom.buffer(t, 4).getArea() - Math.PI * t * t) / (2 * t);
                    if (length < edgeToleranceM) {
                        continue;
                    }
                    TreeSet<String> codes = new TreeSet<>();
                    @SuppressWarnings("unchecked")
                    List<GridShape> near = index.query(geom.getEnvelopeInternal());
                    for (GridShape g : near) {
                        if (g.geom().getBoundary().isWithinDistance(cluster.get(0).getInteriorPoint(), edgeToleranceM)) {
                            codes.add(g.code());
                        }
                    }
                    String first = codes.isEmpty() ? null : codes.first();
                    String second = codes.size() > 1 ? codes.higher(first) : null;
                    GridShape owner = grids.stream().filter(g -> g.code().equals(first)).findFirst().orElse(null);
                    double apart = cluster.size() > 1 ? cluster.get(0).distance(cluster.get(1)) : 0;
                    out.add(new Finding(Kind.INVALID_EDGE, owner == null ? null : owner.communityCode(), first, second,
                            null, geom, 0, length, null, "neighbouring boundaries do not match vertex for vertex along "
                            + Math.round(length) + " m" + (apart > 0 ? String.format(" (%.3f m apart)", apart) : "")));
                }
            }
        }
        return new Result(out, communityArea, gapArea);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    static List<Polygon> polygons(Geometry g) {
        List<Polygon> out = new ArrayList<>();
        for (int k = 0; k < g.getNumGeometries(); k++) {
            Geometry p = g.getGeometryN(k);
            if (p instanceof Polygon poly && !poly.isEmpty()) {
                out.add(poly);
            } else if (p instanceof Polygonal && !p.isEmpty()) {
                out.addAll(polygons(p));
            } else if (p.getNumGeometries() > 1) {
                out.addAll(polygons(p));
            }
        }
        return out;
    }
}

package org.gridmap.redistricting;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;
import org.locationtech.jts.triangulate.quadedge.QuadEdge;
import org.locationtech.jts.triangulate.quadedge.QuadEdgeSubdivision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ground of one community for redistricting, in a metric CRS: each building's share of the community (its
 * cell: the part of the community nearer to that building's footprint than to any other's) and which buildings
 * are neighbours, with the neighbour links that cross a road or a river marked. A grid of a draft is the union of
 * its buildings' cells, so the grids of a draft cover the community with no gap and no overlap by construction,
 * and their boundaries run midway between buildings.
 *
 * <p>Cells come from one JTS Voronoi diagram of sites on every footprint's outline (densified to {@code spacingM})
 * and its point on surface (so the point the grid membership uses always lies in the building's own cell).
 */
final class DraftGeometry {

    /** A building of the community: its index in the input list is its vertex number. */
    record Building(long id, String buildingId, Geometry footprint, int households) {}

    /** Two neighbouring buildings (indexes, a &lt; b) and whether the link between them crosses a road or water. */
    record Link(int a, int b, boolean crossesBarrier) {}

    private final List<Building> buildings;
    private final Geometry community;
    private final List<Geometry> cells;
    private final List<Link> links;
    private final GeometryFactory gf;
    /** Results already derived from this ground (grid shapes by their buildings, a community's checks by its grids). */
    private final Map<Object, Object> memo = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
            return size() > 1024;
        }
    };

    private DraftGeometry(List<Building> buildings, Geometry community, List<Geometry> cells, List<Link> links,
                          GeometryFactory gf) {
        this.buildings = buildings;
        this.community = community;
        this.cells = cells;
        this.links = links;
        this.gf = gf;
    }

    /**
     * @param barriers roads and water lines (metric) that a grid boundary should follow where they separate buildings
     * @param spacingM the largest distance between two sites on a footprint's outline
     */
    static DraftGeometry of(List<Building> buildings, Geometry community, List<Geometry> barriers, double spacingM) {
        GeometryFactory gf = community.getFactory();
        List<Coordinate> sites = new ArrayList<>();
        Map<Coordinate, Integer> owner = new HashMap<>();
        for (int i = 0; i < buildings.size(); i++) {
            Building b = buildings.get(i);
            Geometry outline = Densifier.densify(b.footprint().getBoundary(), spacingM);
            List<Coordinate> own = new ArrayList<>(List.of(outline.getCoordinates()));
            own.add(b.footprint().getInteriorPoint().getCoordinate());
            for (Coordinate c : own) {
                Coordinate k = new Coordinate(Math.round(c.x * 100) / 100.0, Math.round(c.y * 100) / 100.0);
                if (owner.putIfAbsent(k, i) == null) {
                    sites.add(k);
                }
            }
        }
        List<List<Geometry>> parts = new ArrayList<>();
        buildings.forEach(b -> parts.add(new ArrayList<>()));
        List<Link> links = new ArrayList<>();
        VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
        if (buildings.size() == 1) {
            parts.get(0).add(community);
        } else if (!buildings.isEmpty()) {
            Envelope clip = new Envelope(community.getEnvelopeInternal());
            clip.expandBy(Math.max(clip.getWidth(), clip.getHeight()) * 0.1 + 100);
            vb.setSites(sites);
            vb.setClipEnvelope(clip);
            Geometry diagram = vb.getDiagram(gf);
            for (int k = 0; k < diagram.getNumGeometries(); k++) {
                Geometry cell = diagram.getGeometryN(k);
                Integer i = owner.get((Coordinate) cell.getUserData());
                if (i != null) {
                    parts.get(i).add(cell);
                }
            }
        }
        List<Geometry> cells = new ArrayList<>(buildings.size());
        for (List<Geometry> p : parts) {
            Geometry u = p.isEmpty() ? gf.createPolygon() : union(p, gf);
            Geometry clipped = u.intersection(community);
            cells.add(polygonal(clipped, gf));
        }
        if (buildings.size() > 1) {
            links = links(vb.getSubdivision(), owner, buildings, cells, barriers, gf);
        }
        return new DraftGeometry(buildings, community, cells, links, gf);
    }

    /**
     * Neighbours: buildings whose cells share an edge inside the community (the Delaunay edges between their sites
     * propose the pairs; a pair whose shared edge the community's outline cuts away is no link).
     */
    private static List<Link> links(QuadEdgeSubdivision sub, Map<Coordinate, Integer> owner, List<Building> buildings,
                                    List<Geometry> cells, List<Geometry> barriers, GeometryFactory gf) {
        STRtree index = new STRtree();
        for (Geometry g : barriers) {
            for (int k = 0; k < g.getNumGeometries(); k++) {
                Geometry line = g.getGeometryN(k);
                index.insert(line.getEnvelopeInternal(), line);
            }
        }
        Map<Long, Integer> seen = new HashMap<>(); // 0: no link, 1: a link, 2: a link across a road or river
        for (Object o : sub.getEdges()) {
            QuadEdge e = (QuadEdge) o;
            Integer a = owner.get(e.orig().getCoordinate());
            Integer b = owner.get(e.dest().getCoordinate());
            if (a == null || b == null || a.equals(b)) {
                continue;
            }
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            seen.computeIfAbsent((long) lo << 32 | hi, key -> !shareEdge(cells.get(lo), cells.get(hi)) ? 0
                    : crosses(buildings.get(lo), buildings.get(hi), index, gf) ? 2 : 1);
        }
        List<Link> out = new ArrayList<>(seen.size());
        seen.forEach((key, kind) -> {
            if (kind > 0) {
                out.add(new Link((int) (key >> 32), (int) (key & 0xffffffffL), kind == 2));
            }
        });
        out.sort((x, y) -> x.a() != y.a() ? Integer.compare(x.a(), y.a()) : Integer.compare(x.b(), y.b()));
        return out;
    }

    private static boolean shareEdge(Geometry a, Geometry b) {
        if (a.isEmpty() || b.isEmpty() || !a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) {
            return false;
        }
        return a.relate(b).get(Location.BOUNDARY, Location.BOUNDARY) == 1;
    }

    @SuppressWarnings("unchecked")
    private static boolean crosses(Building a, Building b, STRtree index, GeometryFactory gf) {
        LineString link = gf.createLineString(new Coordinate[] {a.footprint().getInteriorPoint().getCoordinate(),
            b.footprint().getInteriorPoint().getCoordinate()});
        for (Geometry line : (List<Geometry>) index.query(link.getEnvelopeInternal())) {
            if (line.intersects(link)) {
                return true;
            }
        }
        return false;
    }

    static Geometry union(List<Geometry> polygons, GeometryFactory gf) {
        if (polygons.isEmpty()) {
            return gf.createPolygon();
        }
        if (polygons.size() == 1) {
            return polygons.get(0);
        }
        Geometry[] arr = polygons.toArray(new Geometry[0]);
        try {
            Geometry u = CoverageUnion.union(arr);
            if (u != null && u.isValid()) {
                return u;
            }
        } catch (RuntimeException notACoverage) {
            // cells clipped by the community can disagree by a rounding error: fall back to the overlay union
        }
        return UnaryUnionOp.union(List.of(arr));
    }

    /** The polygonal part of a geometry (an intersection can leave lines and points on a shared edge). */
    static Geometry polygonal(Geometry g, GeometryFactory gf) {
        if (g instanceof Polygonal) {
            return g;
        }
        List<Geometry> polys = new ArrayList<>();
        for (int k = 0; k < g.getNumGeometries(); k++) {
            if (g.getGeometryN(k) instanceof Polygonal) {
                polys.add(g.getGeometryN(k));
            }
        }
        return polys.isEmpty() ? gf.createPolygon() : UnaryUnionOp.union(polys);
    }

    List<Building> buildings() {
        return buildings;
    }

    Geometry community() {
        return community;
    }

    List<Link> links() {
        return links;
    }

    /** The cell of building {@code i}. */
    Geometry cell(int i) {
        return cells.get(i);
    }

    /** The polygon of a set of buildings (a grid of a draft): the union of their cells (remembered). */
    Geometry shape(List<Integer> members) {
        return memo(List.of("shape", List.copyOf(members)), () -> unionOf(members));
    }

    /** A value derived from this ground, remembered under its key while the ground lasts (an edit touches few grids). */
    @SuppressWarnings("unchecked")
    <T> T memo(Object key, java.util.function.Supplier<T> make) {
        synchronized (memo) {
            Object hit = memo.get(key);
            if (hit != null) {
                return (T) hit;
            }
        }
        T value = make.get();
        synchronized (memo) {
            memo.put(key, value);
        }
        return value;
    }

    private Geometry unionOf(List<Integer> members) {
        List<Geometry> parts = new ArrayList<>(members.size());
        for (int i : members) {
            if (!cells.get(i).isEmpty()) {
                parts.add(cells.get(i));
            }
        }
        return polygonal(union(parts, gf), gf);
    }

    GeometryFactory factory() {
        return gf;
    }
}

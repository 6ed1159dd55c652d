package org.gridmap.routing;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;
import org.gridmap.support.Db;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.ItemDistance;
import org.locationtech.jts.index.strtree.STRtree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Road distances and routes between buildings and shelters, on the network pgRouting builds from table road
 * (gm_road_network_build, rebuilt when roads change).
 *
 * <p>A route avoids every road edge inside a zone of the scenario deeper than {@link RoutingConfig#maxDepthM()}.
 * A building or shelter reaches the network at its nearest vertex that still has a usable edge, in a straight line
 * (the access leg: across the yard, or out of deep water by boat); a route's length is access + road + access.
 * Distances come from Dijkstra outward from the shelters with a cutoff ({@code pgr_drivingDistance}), so a plan
 * costs one search per shelter, not one per household; per building the nearest
 * {@link RoutingConfig#sheltersPerBuilding()} shelters (and as many accessible ones) are kept.
 */
@Singleton
public class RoadNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(RoadNetwork.class);

    /** Where a building or shelter joins the network. */
    public record Access(long vertex, double metres, double lon, double lat, double vertexLon, double vertexLat) {}

    /** Road distances from every candidate shelter to every building of a plan. */
    public static final class Matrix {
        private final Map<Long, Access> buildings;
        private final Map<Long, Access> shelters;
        private final Map<Long, Map<Long, Double>> fromStart;
        private final int floodedEdges;

        Matrix(Map<Long, Access> buildings, Map<Long, Access> shelters, Map<Long, Map<Long, Double>> fromStart,
               int floodedEdges) {
            this.buildings = buildings;
            this.shelters = shelters;
            this.fromStart = fromStart;
            this.floodedEdges = floodedEdges;
        }

        /** Metres from building to shelter along the usable roads (access legs included); infinite without a route. */
        public double metres(long building, long shelter) {
            Access b = buildings.get(building);
            Access s = shelters.get(shelter);
            if (b == null || s == null) {
                return Double.POSITIVE_INFINITY;
            }
            Double road = fromStart.getOrDefault(s.vertex(), Map.of()).get(b.vertex());
            return road == null ? Double.POSITIVE_INFINITY : b.metres() + road + s.metres();
        }

        /** The straight part of a building's route (to its nearest usable road vertex), or null without access. */
        public Double accessMetres(long building) {
            Access b = buildings.get(building);
            return b == null ? null : b.metres();
        }

        public int floodedEdges() {
            return floodedEdges;
        }
    }

    /**
     * One route, building to shelter: total length, its straight access part, the roads it follows in order (each
     * once, blank names left out), and the line (GeoJSON MultiLineString: access leg, road, access leg).
     */
    public record Route(long building, long shelter, double metres, double accessMetres, List<String> via,
                        Map<String, Object> geometry) {}

    private final Db db;
    private final RoadRepository repo;
    private final RoutingConfig config;
    private final JsonMapper json;

    RoadNetwork(Db db, RoadRepository repo, RoutingConfig config, JsonMapper json) {
        this.db = db;
        this.repo = repo;
        this.config = config;
        this.json = json;
    }

    /** Whether plans use road distances here: pgRouting installed, roads enabled, and a network with edges. */
    public boolean usable() {
        if (!config.roads()) {
            return false;
        }
        try {
            return db.tx(c -> repo.available(c) && repo.build(c) > 0);
        } catch (Db.DataAccessException e) {
            LOG.warn("road network unavailable, straight-line distances: {}", e.getMessage());
            return false;
        }
    }

    /**
     * Road distances for a plan, or empty when roads are not usable (the caller falls back to straight lines).
     *
     * @param shelters shelter ids that may take households
     */
    public Optional<Matrix> matrix(long scenarioId, Collection<Long> buildings, Collection<Long> shelters,
                                   Collection<Long> accessibleShelters) {
        if (!usable() || buildings.isEmpty() || shelters.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(db.read(c -> {
            Usable u = usableVertices(c, scenarioId);
            Map<Long, Access> b = access(c, false, buildings, u);
            Map<Long, Access> s = access(c, true, shelters, u);
            Set<Long> starts = new HashSet<>();
            s.values().forEach(a -> starts.add(a.vertex()));
            Set<Long> targets = new HashSet<>();
            b.values().forEach(a -> targets.add(a.vertex()));
            Set<Long> accessibleStarts = new HashSet<>();
            accessibleShelters.forEach(id -> {
                Access a = s.get(id);
                if (a != null) {
                    accessibleStarts.add(a.vertex());
                }
            });
            Map<Long, Map<Long, Double>> from = new HashMap<>();
            if (!starts.isEmpty() && !targets.isEmpty()) {
                String edges = RoadRepository.edgesQuery(u.flooded());
                if (targets.size() < starts.size()) {
                    // Fewer buildings than shelters (re-placing one shelter's households): search outward from the
                    // buildings instead, one search each; roads are two-way, so the distances are the same, and
                    // every shelter found is kept.
                    for (RoadRepository.Cost k : repo.costs(c, edges, targets, config.cutoffM(), starts, Set.of(),
                            Integer.MAX_VALUE)) {
                        from.computeIfAbsent(k.target(), x -> new HashMap<>()).put(k.start(), k.metres());
                    }
                } else {
                    for (RoadRepository.Cost k : repo.costs(c, edges, starts, config.cutoffM(), targets,
                            accessibleStarts, config.sheltersPerBuilding())) {
                        from.computeIfAbsent(k.start(), x -> new HashMap<>()).put(k.target(), k.metres());
                    }
                }
            }
            return new Matrix(b, s, from, u.flooded().size());
        }));
    }

    /**
     * Routes for building → shelter pairs ({building, shelter}), empty when roads are not usable; a pair without a
     * road route is absent.
     */
    public List<Route> routes(long scenarioId, Collection<long[]> pairs) {
        if (pairs.isEmpty() || !usable()) {
            return List.of();
        }
        return db.read(c -> {
            Usable u = usableVertices(c, scenarioId);
            Set<Long> bIds = new HashSet<>();
            Set<Long> sIds = new HashSet<>();
            pairs.forEach(p -> {
                bIds.add(p[0]);
                sIds.add(p[1]);
            });
            Map<Long, Access> b = access(c, false, bIds, u);
            Map<Long, Access> s = access(c, true, sIds, u);
            Map<String, long[]> vertexPairs = new LinkedHashMap<>();
            for (long[] p : pairs) {
                Access ba = b.get(p[0]);
                Access sa = s.get(p[1]);
                if (ba != null && sa != null) {
                    vertexPairs.putIfAbsent(ba.vertex() + ":" + sa.vertex(), new long[]{ba.vertex(), sa.vertex()});
                }
            }
            Map<String, RoadRepository.Leg> legs = new HashMap<>();
            for (RoadRepository.Leg l : repo.legs(c, RoadRepository.edgesQuery(u.flooded()), vertexPairs.values())) {
                legs.put(l.start() + ":" + l.target(), l);
            }
            List<Route> out = new ArrayList<>();
            for (long[] p : pairs) {
                Access ba = b.get(p[0]);
                Access sa = s.get(p[1]);
                if (ba == null || sa == null) {
                    continue;
                }
                List<Object> lines = new ArrayList<>();
                List<String> via = new ArrayList<>();
                double road = 0;
                if (ba.vertex() != sa.vertex()) {
                    RoadRepository.Leg l = legs.get(ba.vertex() + ":" + sa.vertex());
                    if (l == null) {
                        continue;
                    }
                    road = l.metres();
                    lines.addAll(lines(l.geojson()));
                    for (String n : l.names()) {
                        if (!n.isBlank() && (via.isEmpty() || !via.get(via.size() - 1).equals(n))) {
                            via.add(n);
                        }
                    }
                }
                lines.add(0, List.of(List.of(ba.lon(), ba.lat()), List.of(ba.vertexLon(), ba.vertexLat())));
                lines.add(List.of(List.of(sa.vertexLon(), sa.vertexLat()), List.of(sa.lon(), sa.lat())));
                Map<String, Object> geometry = new LinkedHashMap<>();
                geometry.put("type", "MultiLineString");
                geometry.put("coordinates", lines);
                out.add(new Route(p[0], p[1], ba.metres() + road + sa.metres(), ba.metres(), List.copyOf(via), geometry));
            }
            return out;
        });
    }

    /**
     * The edges a scenario's water closes and the vertices still usable (with at least one open edge), indexed for
     * nearest-vertex search in a plane where a degree of longitude is shrunk to its length at the network's latitude.
     */
    private record Usable(List<Long> flooded, STRtree dry, double lonScale) {}

    private Usable usableVertices(Connection c, long scenarioId) throws SQLException {
        List<Long> flooded = repo.floodedEdges(c, scenarioId, config.maxDepthM());
        Set<Long> floodedSet = new HashSet<>(flooded);
        Set<Long> dry = new HashSet<>();
        for (RoadRepository.Edge e : repo.edges(c)) {
            if (!floodedSet.contains(e.id())) {
                dry.add(e.source());
                dry.add(e.target());
            }
        }
        List<RoadRepository.Point> vertices = repo.vertices(c);
        double lonScale = Math.cos(Math.toRadians(vertices.stream().mapToDouble(RoadRepository.Point::lat)
                .average().orElse(0)));
        STRtree tree = new STRtree();
        for (RoadRepository.Point v : vertices) {
            if (dry.contains(v.id())) {
                tree.insert(new Envelope(new Coordinate(v.lon() * lonScale, v.lat())), v);
            }
        }
        tree.build();
        return new Usable(flooded, tree, lonScale);
    }

    private static final ItemDistance PLANE = (a, b) -> {
        Envelope x = a.getBounds() instanceof Envelope e ? e : new Envelope();
        Envelope y = b.getBounds() instanceof Envelope e ? e : new Envelope();
        return x.distance(y);
    };

    /**
     * Each key's nearest usable vertex (by geodesic distance on WGS 84, as PostGIS geography measures it, among the
     * {@link RoutingConfig#nearestVertices()} nearest in the plane); keys are left out when no vertex is usable.
     */
    private Map<Long, Access> access(Connection c, boolean shelters, Collection<Long> ids, Usable u)
            throws SQLException {
        Map<Long, Access> out = new HashMap<>();
        if (u.dry().isEmpty()) {
            return out;
        }
        int k = Math.min(config.nearestVertices(), u.dry().size());
        for (RoadRepository.Point p : repo.points(c, shelters, ids)) {
            Envelope at = new Envelope(new Coordinate(p.lon() * u.lonScale(), p.lat()));
            Object[] near = u.dry().nearestNeighbour(at, p, PLANE, k);
            Access best = null;
            for (Object o : near) {
                RoadRepository.Point v = (RoadRepository.Point) o;
                double m = Geodesic.WGS84.Inverse(p.lat(), p.lon(), v.lat(), v.lon(), GeodesicMask.DISTANCE).s12;
                if (best == null || m < best.metres()) {
                    best = new Access(v.id(), m, p.lon(), p.lat(), v.lon(), v.lat());
                }
            }
            out.put(p.id(), best);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Object> lines(String geojson) {
        try {
            Map<String, Object> g = json.readValue(geojson, Map.class);
            Object coords = g.get("coordinates");
            return "LineString".equals(g.get("type")) ? List.of(coords) : new ArrayList<>((List<Object>) coords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

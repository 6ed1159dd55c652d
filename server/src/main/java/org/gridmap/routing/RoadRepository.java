package org.gridmap.routing;

import jakarta.inject.Singleton;
import org.gridmap.support.Sql;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** The only SQL on the road network (sql/routing/*.sql). Each method works in the connection it is given. */
@Singleton
class RoadRepository {

    record Edge(long id, long source, long target) {}

    /** A vertex of the network, or a building's or shelter's point ({@code id} is then the building or shelter). */
    record Point(long id, double lon, double lat) {}

    record Cost(long start, long target, double metres) {}

    record Leg(long start, long target, double metres, List<String> names, String geojson) {}

    boolean available(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("routing/available")); ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Rebuilds the network when roads changed since the last build; the number of edges. */
    int build(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("routing/build")); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    List<Edge> edges(Connection c) throws SQLException {
        List<Edge> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("routing/vertex_edges"))) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Edge(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    List<Long> floodedEdges(Connection c, long scenarioId, double depthM) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("routing/flooded_edges"))) {
            ps.setLong(1, scenarioId);
            ps.setDouble(2, depthM);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    List<Point> vertices(Connection c) throws SQLException {
        return points(c, Sql.get("routing/vertices"), null);
    }

    /** Buildings' points on surface, or shelters' points. */
    List<Point> points(Connection c, boolean shelters, Collection<Long> ids) throws SQLException {
        return points(c, shelters ? Sql.get("routing/shelter_points") : Sql.get("routing/building_points"), ids);
    }

    private static List<Point> points(Connection c, String sql, Collection<Long> ids) throws SQLException {
        List<Point> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (ids != null) {
                ps.setArray(1, longs(c, ids));
            }
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Point(rs.getLong(1), rs.getDouble(2), rs.getDouble(3)));
                }
            }
        }
        return out;
    }

    static String edgesQuery(Collection<Long> without) {
        String ids = without.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        return Sql.get("routing/edges").formatted(ids);
    }

    /** Per target the k nearest starts, and the k nearest of the accessible starts. */
    List<Cost> costs(Connection c, String edgesQuery, Collection<Long> starts, double cutoffM, Collection<Long> targets,
                     Collection<Long> accessibleStarts, int k) throws SQLException {
        List<Cost> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("routing/costs"))) {
            ps.setString(1, edgesQuery);
            ps.setArray(2, longs(c, starts));
            ps.setDouble(3, cutoffM);
            ps.setArray(4, longs(c, targets));
            ps.setArray(5, longs(c, accessibleStarts));
            ps.setInt(6, k);
            ps.setInt(7, k);
            ps.setFetchSize(50_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Cost(rs.getLong(1), rs.getLong(2), rs.getDouble(3)));
                }
            }
        }
        return out;
    }

    /** Road legs between vertex pairs ({start, target}); pairs without a route are absent. */
    List<Leg> legs(Connection c, String edgesQuery, Collection<long[]> pairs) throws SQLException {
        List<Leg> out = new ArrayList<>();
        List<long[]> real = pairs.stream().filter(p -> p[0] != p[1]).toList();
        if (real.isEmpty()) {
            return out;
        }
        String combinations = Sql.get("routing/combinations").formatted(real.stream()
                .map(p -> "(" + p[0] + "::bigint," + p[1] + "::bigint)").collect(Collectors.joining(",")));
        try (PreparedStatement ps = c.prepareStatement(Sql.get("routing/routes"))) {
            ps.setString(1, edgesQuery);
            ps.setString(2, combinations);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Leg(rs.getLong(1), rs.getLong(2), rs.getDouble(3),
                            List.of((String[]) rs.getArray(4).getArray()), rs.getString(5)));
                }
            }
        }
        return out;
    }

    private static Array longs(Connection c, Collection<Long> ids) throws SQLException {
        return c.createArrayOf("bigint", ids.toArray(Long[]::new));
    }
}

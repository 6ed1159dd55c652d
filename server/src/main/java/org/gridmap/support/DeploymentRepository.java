package org.gridmap.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The only SQL of {@link Deployment}: the district as the loaded areas describe it. */
final class DeploymentRepository {
    private DeploymentRepository() {}

    /** What the data says; every field null when no area is loaded (or the asked-for county is not). */
    record Found(String code, String name, Double lon, Double lat, double[] extent) {}

    static Found district(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("support/deployment_district"))) {
            ps.setString(1, code);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                double x0 = rs.getDouble("min_lon");
                double[] extent = rs.wasNull() ? null : new double[] {x0, rs.getDouble("min_lat"),
                    rs.getDouble("max_lon"), rs.getDouble("max_lat")};
                double lon = rs.getDouble("lon");
                boolean point = !rs.wasNull();
                return new Found(rs.getString("code"), rs.getString("name"), point ? lon : null,
                        point ? rs.getDouble("lat") : null, extent);
            }
        }
    }
}

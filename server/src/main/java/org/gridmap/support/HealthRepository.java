package org.gridmap.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The health check's one query. */
final class HealthRepository {
    private HealthRepository() {}

    static boolean answers(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("support/health"))) {
            ps.setQueryTimeout(2);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }
}

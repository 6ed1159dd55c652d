package org.gridmap.security;

import org.gridmap.support.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The only SQL on the audit log: one insert (the table refuses UPDATE, DELETE and TRUNCATE). */
final class AuditRepository {
    private AuditRepository() {}

    static void insert(Connection c, String actor, String role, String action, String objectType, String objectId,
                       String area, String detailJson, String remoteAddr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("security/audit_insert"))) {
            ps.setString(1, actor);
            ps.setString(2, role);
            ps.setString(3, action);
            ps.setString(4, objectType);
            ps.setString(5, objectId);
            ps.setString(6, area);
            ps.setString(7, detailJson);
            ps.setString(8, remoteAddr);
            ps.executeUpdate();
        }
    }
}

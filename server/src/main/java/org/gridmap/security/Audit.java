package org.gridmap.security;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.gridmap.support.Db;
import org.gridmap.support.Sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * Writes the append-only audit log (the table refuses UPDATE, DELETE and TRUNCATE).
 * Actions: LOGIN, LOGIN_FAILED, IMPORT, READ_HOUSEHOLDS, REVEAL, EXPORT, PUBLISH.
 */
@Singleton
public class Audit {
    private final Db db;
    private final JsonMapper json;

    public Audit(Db db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public void record(String actor, String role, String action, String objectType, String objectId, String area,
                       Map<String, ?> detail, String remoteAddr) {
        db.tx(c -> {
            record(c, actor, role, action, objectType, objectId, area, detail, remoteAddr);
            return null;
        });
    }

    public void record(Caller caller, String action, String objectType, String objectId, Map<String, ?> detail) {
        record(caller.username(), caller.role().name(), action, objectType, objectId, caller.area(), detail, null);
    }

    /** Records within the caller's transaction, so the audit entry commits or rolls back with the work. */
    public void record(Connection c, String actor, String role, String action, String objectType, String objectId,
                       String area, Map<String, ?> detail, String remoteAddr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("security/audit_insert"))) {
            ps.setString(1, actor);
            ps.setString(2, role);
            ps.setString(3, action);
            ps.setString(4, objectType);
            ps.setString(5, objectId);
            ps.setString(6, area);
            ps.setString(7, json.writeValueAsString(detail == null ? Map.of() : detail));
            ps.setString(8, remoteAddr);
            ps.executeUpdate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

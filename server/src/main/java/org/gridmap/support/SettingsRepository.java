package org.gridmap.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/** The only SQL on table {@code setting}, the configuration values SQL functions read (gm_setting). */
final class SettingsRepository {
    private SettingsRepository() {}

    static void put(Connection c, Map<String, String> values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("support/setting_put"))) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}

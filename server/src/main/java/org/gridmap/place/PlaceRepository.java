package org.gridmap.place;

import jakarta.inject.Singleton;
import org.gridmap.support.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The only SQL of place search (sql/place/*.sql). */
@Singleton
class PlaceRepository {

    /** A place found: kind (STREET, COMMUNITY, GRID, BUILDING, ROAD), its code, name, detail and bounding box. */
    record Place(String kind, String code, String name, String detail, String gridCode, double[] bbox) {}

    List<Place> search(Connection c, String areaPrefix, String text, int perKind, int limit) throws SQLException {
        String literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        String code = text.toUpperCase(Locale.ROOT);
        try (PreparedStatement ps = c.prepareStatement(Sql.get("place/search"))) {
            ps.setString(1, areaPrefix.replace("%", "").replace("_", "") + "%");
            ps.setString(2, code);
            ps.setString(3, literal.toUpperCase(Locale.ROOT) + "%");
            ps.setString(4, "%" + literal + "%");
            ps.setString(5, literal + "%");
            ps.setInt(6, perKind);
            ps.setInt(7, limit);
            List<Place> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Place(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), new double[] {rs.getDouble(6), rs.getDouble(7), rs.getDouble(8),
                                rs.getDouble(9)}));
                }
            }
            return out;
        }
    }
}

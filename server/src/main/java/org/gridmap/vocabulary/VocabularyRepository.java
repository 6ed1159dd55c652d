package org.gridmap.vocabulary;

import jakarta.inject.Singleton;
import org.gridmap.support.Db;
import org.gridmap.support.Sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The only SQL on the reference tables. Table names come from the vocabularies' definitions, never from a request. */
@Singleton
public class VocabularyRepository {
    private final Db db;

    VocabularyRepository(Db db) {
        this.db = db;
    }

    /** Every row of a reference table, in rank order, as column → value. */
    List<Map<String, Object>> rows(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException(table);
        }
        return db.read(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(Sql.get("vocabulary/rows").replace("/*table*/", table));
                 ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int k = 1; k <= md.getColumnCount(); k++) {
                        row.put(md.getColumnName(k), rs.getObject(k));
                    }
                    out.add(row);
                }
            }
            return out;
        });
    }

    /** The colour gm_risk_color gives each rule number 1–10. */
    public Map<Integer, String> sqlRuleColours() {
        return db.read(c -> {
            Map<Integer, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(Sql.get("vocabulary/rule_colours"));
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getString(2));
                }
            }
            return out;
        });
    }
}

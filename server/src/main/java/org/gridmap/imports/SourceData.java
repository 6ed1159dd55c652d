package org.gridmap.imports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader got out of a file: the records, the CRS the file declares (null if none), how it was read, and notes
 * on what the reader changed or left out (heights dropped, deleted records skipped…), which the job lists among its
 * repairs so that nothing changes silently.
 */
record SourceData(String format, List<RawFeature> features, SourceCrs declaredCrs, String encoding,
                  List<String> columns, List<Map<String, Object>> notes) {

    SourceData(String format, List<RawFeature> features, SourceCrs declaredCrs, String encoding, List<String> columns) {
        this(format, features, declaredCrs, encoding, columns, List.of());
    }

    /** A note for the job's repairs: {@code repair} is a short machine name, {@code rows} the rows concerned. */
    static Map<String, Object> note(Integer row, String repair, String note, List<Integer> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (row != null) {
            m.put("row", row);
        }
        m.put("repair", repair);
        m.put("note", note);
        if (rows != null) {
            m.put("rows", rows.size() > 100 ? rows.subList(0, 100) : rows);
        }
        return m;
    }
}

package org.gridmap.support;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Bulk writes with PostgreSQL COPY (text format). Rows are buffered and flushed in chunks; geometry is sent as
 * hex EWKB, which the geometry type reads directly.
 */
public final class Copy implements AutoCloseable {
    private static final int FLUSH_CHARS = 8 << 20;

    private final CopyManager copy;
    private final String sql;
    private final StringBuilder buf = new StringBuilder(FLUSH_CHARS + 4096);
    private long rows;
    private boolean first = true;

    /** @param table table name with its column list, e.g. {@code "shelter (shelter_id, name, geom)"} */
    public Copy(Connection c, String table) throws SQLException {
        this.copy = c.unwrap(PGConnection.class).getCopyAPI();
        this.sql = "COPY " + table + " FROM STDIN";
    }

    public Copy add(Object value) {
        if (!first) {
            buf.append('\t');
        }
        first = false;
        if (value == null) {
            buf.append("\\N");
        } else if (value instanceof Geometry g) {
            buf.append(WKBWriter.toHex(Wkb.write(g)));
        } else {
            String s = value.toString();
            for (int k = 0; k < s.length(); k++) {
                char ch = s.charAt(k);
                switch (ch) {
                    case '\\' -> buf.append("\\\\");
                    case '\t' -> buf.append("\\t");
                    case '\n' -> buf.append("\\n");
                    case '\r' -> buf.append("\\r");
                    default -> buf.append(ch);
                }
            }
        }
        return this;
    }

    public void endRow() throws SQLException {
        buf.append('\n');
        first = true;
        rows++;
        if (buf.length() >= FLUSH_CHARS) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (buf.isEmpty()) {
            return;
        }
        try {
            copy.copyIn(sql, new StringReader(buf.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buf.setLength(0);
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        flush();
    }
}

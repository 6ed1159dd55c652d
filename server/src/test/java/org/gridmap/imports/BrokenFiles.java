package org.gridmap.imports;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Good files made broken on purpose, the way files really break: zipped Shapefiles whose parts disagree (edited
 * byte for byte per the ESRI and dBASE layouts), GeoPackages whose registration lies (edited with SQL through the
 * SQLite driver NGA's library brings), geometry blobs JTS writes but should never be stored.
 */
final class BrokenFiles {
    private BrokenFiles() {}

    // ------------------------------------------------------------------------------------------------ zip entries

    static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                m.put(e.getName(), z.readAllBytes());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** The zip with the entry ending in {@code ext} changed (added when missing and {@code edit} accepts null). */
    static byte[] edit(byte[] zip, String ext, UnaryOperator<byte[]> edit) {
        Map<String, byte[]> m = unzip(zip);
        String key = m.keySet().stream().filter(k -> k.endsWith(ext)).findFirst().orElse(null);
        if (key == null) {
            String any = m.keySet().iterator().next();
            key = any.substring(0, any.lastIndexOf('.')) + ext;
        }
        byte[] changed = edit.apply(m.get(key));
        if (changed == null) {
            m.remove(key);
        } else {
            m.put(key, changed);
        }
        return zip(m);
    }

    static byte[] put(byte[] zip, String ext, String text) {
        return edit(zip, ext, old -> text.getBytes(StandardCharsets.ISO_8859_1));
    }

    // ------------------------------------------------------------------------------------------------ dBASE

    static int dbfHeaderLength(byte[] dbf) {
        return ByteBuffer.wrap(dbf).order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xffff;
    }

    static int dbfRecordLength(byte[] dbf) {
        return ByteBuffer.wrap(dbf).order(ByteOrder.LITTLE_ENDIAN).getShort(10) & 0xffff;
    }

    static UnaryOperator<byte[]> dbfRecordCount(int n) {
        return dbf -> {
            byte[] out = dbf.clone();
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(4, n);
            return out;
        };
    }

    /** Keeps only the first {@code n} records (and says so in the header): the .dbf has fewer records than shapes. */
    static UnaryOperator<byte[]> dbfKeep(int n) {
        return dbf -> {
            byte[] out = Arrays.copyOf(dbf, dbfHeaderLength(dbf) + n * dbfRecordLength(dbf) + 1);
            out[out.length - 1] = 0x1a;
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(4, n);
            return out;
        };
    }

    static UnaryOperator<byte[]> dbfRecordLengthSays(int length) {
        return dbf -> {
            byte[] out = dbf.clone();
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putShort(10, (short) length);
            return out;
        };
    }

    /** Marks record {@code k} (0-based) deleted, as dBASE does with '*'. */
    static UnaryOperator<byte[]> dbfDelete(int k) {
        return dbf -> {
            byte[] out = dbf.clone();
            out[dbfHeaderLength(dbf) + k * dbfRecordLength(dbf)] = '*';
            return out;
        };
    }

    static UnaryOperator<byte[]> dbfFlag(int k, byte flag) {
        return dbf -> {
            byte[] out = dbf.clone();
            out[dbfHeaderLength(dbf) + k * dbfRecordLength(dbf)] = flag;
            return out;
        };
    }

    /** Sets the DBF language driver id (byte 29): 0x4D says GBK (code page 936). */
    static UnaryOperator<byte[]> dbfLanguageDriver(int ldid) {
        return dbf -> {
            byte[] out = dbf.clone();
            out[29] = (byte) ldid;
            return out;
        };
    }

    // ------------------------------------------------------------------------------------------------ .shp / .shx

    /** Moves the last point of the first polygon's first ring, so the ring no longer closes. */
    static UnaryOperator<byte[]> shpOpenFirstRing() {
        return shp -> {
            byte[] out = shp.clone();
            ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
            int content = 108;
            int parts = b.getInt(content + 36);
            int points = b.getInt(content + 40);
            int lastOfFirstRing = parts > 1 ? b.getInt(content + 44 + 4) - 1 : points - 1;
            int at = content + 44 + 4 * parts + 16 * lastOfFirstRing;
            b.putDouble(at, b.getDouble(at) + 0.00005);
            return out;
        };
    }

    static UnaryOperator<byte[]> append(int bytes) {
        return f -> Arrays.copyOf(f, f.length + bytes);
    }

    static UnaryOperator<byte[]> shpShapeType(int type) {
        return shp -> {
            byte[] out = shp.clone();
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(32, type);
            return out;
        };
    }

    // ------------------------------------------------------------------------------------------------ GeoPackage

    /** The GeoPackage after SQL statements (GDAL's R-tree triggers, which need GeoPackage functions, dropped first). */
    static byte[] gpkg(byte[] file, String... statements) {
        return gpkg(file, c -> {
            try (Statement st = c.createStatement()) {
                for (String s : statements) {
                    st.execute(s);
                }
            }
        });
    }

    interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    static byte[] gpkg(byte[] file, SqlWork work) {
        try {
            Path p = Files.createTempFile("broken-", ".gpkg");
            Files.write(p, file);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + p)) {
                List<String> triggers = new ArrayList<>();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'trigger'")) {
                    while (rs.next()) {
                        triggers.add(rs.getString(1));
                    }
                }
                try (Statement st = c.createStatement()) {
                    for (String t : triggers) {
                        st.execute("DROP TRIGGER \"" + t.replace("\"", "\"\"") + "\"");
                    }
                }
                work.run(c);
            }
            byte[] out = Files.readAllBytes(p);
            Files.deleteIfExists(p);
            return out;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GeoPackage geometry blob (OGC 12-128r18 §2.1.3): "GP", version 0, flags (no envelope, little endian), srs. */
    static byte[] gpkgBlob(Geometry g, int srsId) {
        byte[] wkb = new WKBWriter(2, org.locationtech.jts.io.ByteOrderValues.LITTLE_ENDIAN).write(g);
        ByteBuffer b = ByteBuffer.allocate(8 + wkb.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'G').put((byte) 'P').put((byte) 0).put((byte) 0x01).putInt(srsId).put(wkb);
        return b.array();
    }

    static byte[] gpkgSetGeometry(byte[] file, byte[] blob) {
        return gpkg(file, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE features SET geom = ?")) {
                ps.setBytes(1, blob);
                ps.executeUpdate();
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ ID numbers

    /** An 18-character ID number with a correct GB 11643 check digit for the 17 given digits. */
    static String idNumber(String first17) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (first17.charAt(k) - '0') * w[k];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}

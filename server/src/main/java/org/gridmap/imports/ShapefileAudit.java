package org.gridmap.imports;

import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bookkeeping of a Shapefile, checked before H2GIS reads it (ESRI Shapefile Technical Description, 1998; dBASE
 * III+ file structure): headers that match the files, one .dbf record per shape, record lengths the fields add up to,
 * deletion flags, and polygon rings that close. H2GIS reads what it can and fills the rest in silently — drops shapes
 * beyond the .dbf's records, returns records marked deleted, closes open rings — so these are found here, and either
 * refused or reported in the job's repairs. Reading the features is H2GIS's job; this only reads headers, record
 * bounds and part/point counts.
 */
final class ShapefileAudit {
    private static final Set<Integer> SHAPE_TYPES = Set.of(0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28);

    /**
     * What a reader must know: the records marked deleted (0-based), the polygon rings that do not close (record →
     * 1-based ring numbers), and whether shapes carry z or m values.
     */
    record Result(int shapes, Set<Integer> deleted, Map<Integer, List<Integer>> unclosed, boolean hasZ, boolean hasM) {}

    private ShapefileAudit() {}

    static Result check(Path shp, Path shx, Path dbf) {
        try (FileChannel s = FileChannel.open(shp, StandardOpenOption.READ);
             FileChannel x = FileChannel.open(shx, StandardOpenOption.READ);
             FileChannel d = FileChannel.open(dbf, StandardOpenOption.READ)) {
            int type = header(s, ".shp");
            header(x, ".shx");
            if (!SHAPE_TYPES.contains(type)) {
                throw damaged(type == 31 ? "the .shp holds MultiPatch shapes (3D surfaces), which gridmap does not "
                        + "read; export polygons" : "the .shp header names shape type " + type + ", which is not a "
                        + "Shapefile shape type");
            }
            long shxBody = x.size() - 100;
            if (shxBody < 0 || shxBody % 8 != 0) {
                throw damaged("the .shx file has a broken length (" + x.size() + " bytes): it is truncated or not "
                        + "the index of this .shp");
            }
            int shapes = (int) (shxBody / 8);
            int records = dbfRecords(d);
            if (records != shapes) {
                throw damaged("the .shp has " + shapes + " shape(s) but the .dbf has " + records + " record(s); every "
                        + "shape needs its attribute record (were the files saved at different times?)");
            }
            Set<Integer> deleted = deletedRecords(d, records);
            ByteBuffer index = read(x, 100, (int) shxBody);
            Map<Integer, List<Integer>> unclosed = new LinkedHashMap<>();
            boolean hasZ = false;
            boolean hasM = false;
            for (int k = 0; k < shapes; k++) {
                long offset = 2L * index.order(ByteOrder.BIG_ENDIAN).getInt(8 * k);
                long length = 2L * index.order(ByteOrder.BIG_ENDIAN).getInt(8 * k + 4);
                if (offset < 100 || length < 4 || offset + 8 + length > s.size()) {
                    throw damaged("shape " + (k + 1) + " lies beyond the end of the .shp (the .shx points to byte "
                            + offset + " of " + s.size() + "): the file is truncated or the .shx does not belong to it");
                }
                ByteBuffer head = read(s, offset, 8).order(ByteOrder.BIG_ENDIAN);
                long said = 2L * head.getInt(4);
                if (said != length) {
                    throw damaged("shape " + (k + 1) + ": its .shp record says it is " + said + " bytes long, the .shx "
                            + length + ": the files are damaged or do not belong together");
                }
                ByteBuffer rec = read(s, offset + 8, (int) Math.min(length, Integer.MAX_VALUE));
                rec.order(ByteOrder.LITTLE_ENDIAN);
                int t = rec.getInt(0);
                if (t == 0) {
                    continue;
                }
                if ((t == 3 || t == 5 || t == 13 || t == 15 || t == 23 || t == 25) && length >= 44) {
                    long parts = Integer.toUnsignedLong(rec.getInt(36));
                    long points = Integer.toUnsignedLong(rec.getInt(40));
                    if (44 + 4 * parts + 16 * points > length) {
                        throw damaged("shape " + (k + 1) + " says it has " + parts + " part(s) and " + points
                                + " point(s), more than its " + length + " bytes hold: the .shp is damaged");
                    }
                }
                if (t != type) {
                    throw damaged("shape " + (k + 1) + " is of type " + t + " but the .shp holds type " + type
                            + " shapes");
                }
                hasZ |= t == 11 || t == 13 || t == 15 || t == 18;
                if (t == 5 || t == 15 || t == 25) {
                    List<Integer> open = openRings(rec, k, t);
                    if (!open.isEmpty()) {
                        unclosed.put(k, open);
                    }
                    hasM |= t == 25 || t == 15 && hasMeasures(rec, t);
                } else {
                    hasM |= t == 21 || t == 23 || t == 28;
                }
            }
            return new Result(shapes, deleted, unclosed, hasZ, hasM);
        } catch (IOException e) {
            throw damaged("cannot read the Shapefile: " + GeoPackageSource.firstLine(e));
        }
    }

    /** Checks a .shp/.shx header (file code 9994, version 1000, length as stored) and returns its shape type. */
    private static int header(FileChannel c, String name) throws IOException {
        if (c.size() < 100) {
            throw damaged("the " + name + " file is shorter than its 100-byte header");
        }
        ByteBuffer h = read(c, 0, 100);
        if (h.order(ByteOrder.BIG_ENDIAN).getInt(0) != 9994 || h.order(ByteOrder.LITTLE_ENDIAN).getInt(28) != 1000) {
            throw damaged("the " + name + " file is not a Shapefile (its header lacks the file code 9994 and version "
                    + "1000)");
        }
        long declared = 2L * h.order(ByteOrder.BIG_ENDIAN).getInt(24);
        if (declared != c.size()) {
            throw damaged("the " + name + " header gives a length of " + declared + " bytes but the file has "
                    + c.size() + ": it is truncated or was changed by hand");
        }
        return h.order(ByteOrder.LITTLE_ENDIAN).getInt(32);
    }

    /** The record count of a .dbf whose header, field descriptors and record length agree with each other. */
    private static int dbfRecords(FileChannel d) throws IOException {
        if (d.size() < 33) {
            throw damaged("the .dbf file is shorter than its header");
        }
        ByteBuffer h = read(d, 0, 32).order(ByteOrder.LITTLE_ENDIAN);
        long records = Integer.toUnsignedLong(h.getInt(4));
        int headerLength = Short.toUnsignedInt(h.getShort(8));
        int recordLength = Short.toUnsignedInt(h.getShort(10));
        if (headerLength < 33 || headerLength > d.size()) {
            throw damaged("the .dbf header length (" + headerLength + " bytes) is impossible for a file of "
                    + d.size() + " bytes");
        }
        ByteBuffer fields = read(d, 32, headerLength - 32);
        int sum = 1;  // the deletion flag
        int n = 0;
        int at = 0;
        for (; at + 32 <= fields.limit() && fields.get(at) != 0x0d; at += 32) {
            sum += Byte.toUnsignedInt(fields.get(at + 16));
            n++;
        }
        if (at >= fields.limit() || fields.get(at) != 0x0d) {
            throw damaged("the .dbf field descriptors do not end with their terminator (0x0D) within the header "
                    + "length: the file is damaged");
        }
        if (n == 0) {
            throw damaged("the .dbf has no fields");
        }
        if (recordLength != sum) {
            throw damaged("the .dbf header gives a record length of " + recordLength + " bytes, but its " + n
                    + " field(s) add up to " + sum + " (with the deletion flag): the file is damaged");
        }
        long needed = headerLength + records * recordLength;
        if (d.size() < needed) {
            throw damaged("the .dbf header announces " + records + " record(s) of " + recordLength + " bytes, but the "
                    + "file holds only " + Math.max(0, (d.size() - headerLength) / recordLength) + ": it is truncated");
        }
        if (records > Integer.MAX_VALUE) {
            throw damaged("the .dbf announces " + records + " records");
        }
        return (int) records;
    }

    private static Set<Integer> deletedRecords(FileChannel d, int records) throws IOException {
        ByteBuffer h = read(d, 0, 32).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Short.toUnsignedInt(h.getShort(8));
        int recordLength = Short.toUnsignedInt(h.getShort(10));
        Set<Integer> deleted = new java.util.TreeSet<>();
        ByteBuffer one = ByteBuffer.allocate(1);
        for (int k = 0; k < records; k++) {
            one.clear();
            d.read(one, headerLength + (long) k * recordLength);
            byte flag = one.get(0);
            if (flag == '*') {
                deleted.add(k);
            } else if (flag != ' ') {
                throw damaged("record " + (k + 1) + " of the .dbf is damaged (its deletion flag is 0x"
                        + Integer.toHexString(Byte.toUnsignedInt(flag)) + ", not a space or *)");
            }
        }
        return deleted;
    }

    /** The 1-based numbers of the parts (rings) of a polygon record whose last point differs from its first. */
    private static List<Integer> openRings(ByteBuffer rec, int k, int type) {
        if (rec.limit() < 44) {
            throw damaged("shape " + (k + 1) + " is too short for a polygon");
        }
        int parts = rec.getInt(36);
        int points = rec.getInt(40);
        long need = 44L + 4L * parts + 16L * points;
        if (parts < 1 || points < 0 || need > rec.limit()) {
            throw damaged("shape " + (k + 1) + " announces " + parts + " ring(s) and " + points + " point(s), more than "
                    + "its record holds");
        }
        int base = 44 + 4 * parts;
        List<Integer> open = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int from = rec.getInt(44 + 4 * p);
            int to = p + 1 < parts ? rec.getInt(44 + 4 * (p + 1)) - 1 : points - 1;
            if (from < 0 || to < from || to >= points) {
                throw damaged("shape " + (k + 1) + " has a ring whose points lie outside the record");
            }
            double x0 = rec.getDouble(base + 16 * from);
            double y0 = rec.getDouble(base + 16 * from + 8);
            double x1 = rec.getDouble(base + 16 * to);
            double y1 = rec.getDouble(base + 16 * to + 8);
            if (x0 != x1 || y0 != y1) {
                open.add(p + 1);
            }
        }
        return open;
    }

    /** Whether a PolygonZ record also carries its optional measures. */
    private static boolean hasMeasures(ByteBuffer rec, int type) {
        int parts = rec.getInt(36);
        int points = rec.getInt(40);
        long withZ = 44L + 4L * parts + 16L * points + 16 + 8L * points;
        return rec.limit() >= withZ + 16 + 8L * points;
    }

    private static ByteBuffer read(FileChannel c, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (c.read(b, at + b.position()) < 0) {
                break;
            }
        }
        b.flip();
        if (b.limit() < n) {
            throw damaged("the Shapefile ends early (truncated)");
        }
        return b;
    }

    private static ProblemException damaged(String detail) {
        return ProblemException.of(ProblemTypes.IMPORT_UNREADABLE, "Damaged Shapefile", detail);
    }
}

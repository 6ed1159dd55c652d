package org.gridmap.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Mapbox Vector Tiles read by a real MVT reader: GDAL's MVT driver through ogrinfo (Debian gdal-bin). */
public final class Mvt {
    private Mvt() {}

    /** Decodes a tile with GDAL: layer name → feature count, and every (id field → other field) pair asked for. */
    public static Map<String, String> decode(byte[] tile, String idField, String valueField, Map<String, Integer> counts)
            throws IOException, InterruptedException {
        String out = ogrinfo(tile);
        Matcher layer = Pattern.compile("Layer name: (\\S+)[\\s\\S]*?Feature Count: (\\d+)").matcher(out);
        while (layer.find()) {
            counts.put(layer.group(1), Integer.parseInt(layer.group(2)));
        }
        Map<String, String> values = new HashMap<>();
        Matcher feature = Pattern.compile(idField + " \\(String\\) = (\\S+)\\s+" + "(?:[\\s\\S]*?)" + valueField
                + " \\(String\\) = (\\S+)").matcher(out);
        while (feature.find()) {
            values.put(feature.group(1), feature.group(2));
        }
        return values;
    }

    /** Every value of a string field in a tile, one per feature. */
    public static List<String> values(byte[] tile, String field) throws IOException, InterruptedException {
        String out = ogrinfo(tile);
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("\\b" + field + " \\(String\\) = (\\S+)").matcher(out);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    /** The z/x/y of the tile containing a point (Web Mercator tiling). */
    public static int[] tileOf(int z, double lon, double lat) {
        double n = 1 << z;
        double r = Math.toRadians(lat);
        return new int[] {z, (int) Math.floor((lon + 180) / 360 * n),
            (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n)};
    }

    /** ogrinfo's full listing of a tile; fails the test when GDAL cannot read it. */
    private static String ogrinfo(byte[] tile) throws IOException, InterruptedException {
        Path f = Files.createTempFile("tile-", ".mvt");
        try {
            Files.write(f, tile);
            Process p = new ProcessBuilder("ogrinfo", "-ro", "-al", "-oo", "CLIP=NO", f.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
            return out;
        } finally {
            Files.deleteIfExists(f);
        }
    }
}

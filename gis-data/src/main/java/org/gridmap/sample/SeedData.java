package org.gridmap.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Baicheng division codes (NBS 2023 统计用区划代码) shipped in gis-data/seed, read from the classpath.
 * The CSVs are simple (no quoted commas), see gis-data/seed/SOURCES.md.
 */
public final class SeedData {
    public record County(String code, String name, String cityCode, String cityName) {}
    public record Town(String code, String name, String type, String countyCode) {}
    public record Village(String code, String name, String type, String townCode) {}

    private SeedData() {}

    public static List<County> counties() {
        return rows("baicheng_counties_2023.csv").stream().map(r -> new County(r[0], r[1], r[2], r[3])).toList();
    }

    public static List<Town> towns() {
        return rows("baicheng_towns_2023.csv").stream().map(r -> new Town(r[0], r[1], r[2], r[3])).toList();
    }

    public static List<Village> villages() {
        return rows("baicheng_villages_2023.csv").stream().map(r -> new Village(r[0], r[1], r[2], r[3])).toList();
    }

    public static InputStream open(String file) {
        InputStream in = SeedData.class.getResourceAsStream("/gisdata/seed/" + file);
        if (in == null) {
            throw new IllegalStateException("seed file missing from the classpath: gisdata/seed/" + file);
        }
        return in;
    }

    private static List<String[]> rows(String file) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            List<String[]> out = new ArrayList<>();
            String line = r.readLine(); // header
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(line.split(",", -1));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

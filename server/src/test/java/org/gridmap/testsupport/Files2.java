package org.gridmap.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Fixture files made the way GIS offices make them: GDAL's ogr2ogr (Debian gdal-bin) writes the Shapefiles and
 * GeoPackages from GeoJSON, with the encoding and CRS a test asks for.
 */
public final class Files2 {
    private Files2() {}

    public static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path write(Path dir, String name, String text, Charset cs) {
        try {
            Path p = dir.resolve(name);
            Files.write(p, text.getBytes(cs));
            return p;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs ogr2ogr; fails the test with GDAL's message if GDAL is missing or refuses. */
    public static void ogr2ogr(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("ogr2ogr");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new AssertionError("ogr2ogr failed: " + out);
            }
        } catch (IOException e) {
            throw new AssertionError("ogr2ogr (Debian package gdal-bin) is needed for the Shapefile and GeoPackage "
                    + "fixtures; ./gridmap test installs it: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A GeoJSON file → zipped Shapefile bytes, attribute text in {@code encoding}; optionally without .cpg. */
    public static byte[] shapefileZip(String geojson, String encoding, String targetSrs, boolean keepCpg) {
        Path dir = temp("shp-fixture-");
        Path src = write(dir, "in.geojson", geojson, java.nio.charset.StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("-f", "ESRI Shapefile", out.toString(), src.toString(),
                "-nln", "layer", "-lco", "ENCODING=" + encoding));
        if (targetSrs != null) {
            args.addAll(List.of("-s_srs", "EPSG:4326", "-t_srs", targetSrs));
        }
        ogr2ogr(args.toArray(String[]::new));
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes); var files = Files.list(out)) {
                for (Path f : files.sorted().toList()) {
                    if (!keepCpg && f.toString().endsWith(".cpg")) {
                        continue;
                    }
                    zip.putNextEntry(new ZipEntry("grids/" + f.getFileName()));
                    zip.write(Files.readAllBytes(f));
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GeoJSON file → GeoPackage bytes. */
    public static byte[] geopackage(String geojson, String targetSrs) {
        Path dir = temp("gpkg-fixture-");
        Path src = write(dir, "in.geojson", geojson, java.nio.charset.StandardCharsets.UTF_8);
        Path out = dir.resolve("out.gpkg");
        List<String> args = new ArrayList<>(List.of("-f", "GPKG", out.toString(), src.toString(), "-nln", "features"));
        if (targetSrs != null) {
            args.addAll(List.of("-s_srs", "EPSG:4326", "-t_srs", targetSrs));
        }
        ogr2ogr(args.toArray(String[]::new));
        try {
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A FeatureCollection from features written as JSON strings. */
    public static String fc(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    /** A rectangle feature with properties given as a JSON object body. */
    public static String rect(double x0, double y0, double x1, double y1, String props) {
        return "{\"type\":\"Feature\",\"properties\":{" + props + "},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[" + x0 + "," + y0 + "],[" + x1 + "," + y0 + "],[" + x1 + "," + y1 + "],["
                + x0 + "," + y1 + "],[" + x0 + "," + y0 + "]]]}}";
    }

    public static String point(double x, double y, String props) {
        return "{\"type\":\"Feature\",\"properties\":{" + props + "},\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[" + x + "," + y + "]}}";
    }
}

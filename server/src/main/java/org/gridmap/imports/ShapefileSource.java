package org.gridmap.imports;

import io.micronaut.http.HttpStatus;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;
import org.h2gis.functions.io.shp.internal.SHPDriver;
import org.locationtech.jts.geom.Geometry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Zipped Shapefiles (.shp, .shx, .dbf, optional .prj and .cpg), read with H2GIS's driver. The archive is unpacked
 * defensively: no path traversal, a bounded number of entries and of unpacked bytes (counted as they are written,
 * not as the archive claims). Attribute text is decoded as the .cpg says, else as the DBF language driver says,
 * else as the bytes show (UTF-8 or GBK); a .cpg that contradicts the bytes is refused.
 */
final class ShapefileSource {
    private static final Set<String> PARTS = Set.of("shp", "shx", "dbf", "prj", "cpg");

    private final ImportConfig limits;

    ShapefileSource(ImportConfig limits) {
        this.limits = limits;
    }

    SourceData read(Path zip, Path workDir, String layer, String encodingParam, boolean repair) {
        Path dir = unzip(zip, workDir);
        try (var files = Files.list(dir)) {
            List<Path> shps = files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".shp"))
                    .sorted().toList();
            if (shps.isEmpty()) {
                throw GeoJsonSource.unreadable("the zip holds no .shp file");
            }
            Path shp;
            if (layer != null) {
                shp = shps.stream().filter(p -> base(p).equals(layer)).findFirst().orElseThrow(() ->
                        ProblemException.invalidParameter("layer", "'" + layer + "' is not in the zip; it has "
                                + shps.stream().map(ShapefileSource::base).toList()));
            } else if (shps.size() == 1) {
                shp = shps.get(0);
            } else {
                throw ProblemException.invalidParameter("layer", "is required: the zip holds several Shapefiles "
                        + shps.stream().map(ShapefileSource::base).toList());
            }
            String b = base(shp);
            Path dbf = sibling(dir, b, "dbf");
            Path shx = sibling(dir, b, "shx");
            if (dbf == null || shx == null) {
                throw GeoJsonSource.unreadable("Shapefile '" + b + "' is incomplete: a .shp needs its .shx and .dbf");
            }
            Path prj = sibling(dir, b, "prj");
            Path cpg = sibling(dir, b, "cpg");
            SourceCrs crs = prj == null ? null : SourceCrs.fromPrj(Files.readString(prj, StandardCharsets.ISO_8859_1));
            Charset charset = dbfCharset(dbf, cpg, encodingParam);
            ShapefileAudit.Result audit = ShapefileAudit.check(shp, shx, dbf);
            return readFeatures(shp, charset, crs, audit, repair);
        } catch (IOException e) {
            throw GeoJsonSource.unreadable("cannot read the Shapefile: " + GeoPackageSource.firstLine(e));
        }
    }

    private SourceData readFeatures(Path shp, Charset charset, SourceCrs crs, ShapefileAudit.Result audit,
                                    boolean repair) {
        SHPDriver driver = new SHPDriver();
        try {
            driver.initDriverFromFile(shp.toFile(), charset.name());
        } catch (IOException | RuntimeException e) {
            throw GeoJsonSource.unreadable("the Shapefile is damaged or truncated: " + GeoPackageSource.firstLine(e));
        }
        try {
            long rows = driver.getRowCount();
            if (rows != audit.shapes()) {
                throw GeoJsonSource.unreadable("the Shapefile reader sees " + rows + " record(s) where the files hold "
                        + audit.shapes() + " shape(s)");
            }
            if (rows > limits.maxFeatures()) {
                throw GeoJsonSource.tooLarge("more than " + limits.maxFeatures() + " features");
            }
            int fields = driver.getFieldCount();
            int geomIndex = driver.getGeometryFieldIndex();
            List<String> names = new ArrayList<>();
            for (int k = 0; k < driver.getDbaseFileHeader().getNumFields(); k++) {
                names.add(driver.getDbaseFileHeader().getFieldName(k));
            }
            List<RawFeature> out = new ArrayList<>((int) rows);
            List<Integer> closed = new ArrayList<>();
            for (long r = 0; r < rows; r++) {
                if (audit.deleted().contains((int) r)) {
                    continue;
                }
                Map<String, Object> attrs = new LinkedHashMap<>();
                Geometry g = null;
                String geomError = null;
                for (int k = 0; k < fields; k++) {
                    Object v;
                    try {
                        v = driver.getField(r, k);
                    } catch (IOException | RuntimeException e) {
                        if (k == geomIndex) {
                            geomError = "cannot be read: " + GeoPackageSource.firstLine(e);
                            continue;
                        }
                        throw e;
                    }
                    if (k == geomIndex) {
                        g = v instanceof org.h2.value.ValueGeometry vg ? vg.getGeometry()
                                : v instanceof Geometry geom ? geom : null;
                    } else {
                        attrs.put(names.get(k < geomIndex ? k : k - 1), plain(v));
                    }
                }
                List<Integer> open = audit.unclosed().get((int) r);
                if (open != null && geomError == null) {
                    if (repair) {
                        closed.add((int) r + 1);
                    } else {
                        geomError = "has ring(s) " + open + " that do not close (the last point differs from the first);"
                                + " import with repair=true to close them";
                        g = null;
                    }
                }
                out.add(new RawFeature((int) r + 1, attrs, g, geomError));
            }
            List<java.util.Map<String, Object>> notes = new ArrayList<>();
            if (!audit.deleted().isEmpty()) {
                List<Integer> rowsDeleted = audit.deleted().stream().map(k -> k + 1).toList();
                notes.add(SourceData.note(null, "deleted_records_skipped", rowsDeleted.size() + " record(s) of the "
                        + ".dbf are marked deleted; they and their shapes were not imported", rowsDeleted));
            }
            if (audit.hasM()) {
                notes.add(SourceData.note(null, "m_dropped", "the shapes carry measures (m); gridmap stores 2D "
                        + "geometry (x, y), so they were dropped", null));
            }
            if (!closed.isEmpty()) {
                notes.add(SourceData.note(null, "rings_closed", closed.size() + " shape(s) had rings that did not "
                        + "close; each was closed by repeating its first point (repair=true)", closed));
            }
            return new SourceData("Shapefile", out, crs, charset.name(), names, notes);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException pe) {
                throw pe;
            }
            throw GeoJsonSource.unreadable("the Shapefile is damaged or truncated: " + GeoPackageSource.firstLine(e));
        } finally {
            try {
                driver.close();
            } catch (IOException ignored) {
                // read-only; nothing to lose
            }
        }
    }

    /** H2GIS hands out H2 values (whose toString is an SQL literal): unwrap them to plain text. */
    private static Object plain(Object v) {
        if (v instanceof org.h2.value.Value value) {
            return value == org.h2.value.ValueNull.INSTANCE ? null : value.getString();
        }
        return v;
    }

    /** The charset of the DBF text: parameter, else .cpg, else language driver id, else what the bytes decode as. */
    private static Charset dbfCharset(Path dbf, Path cpg, String encodingParam) throws IOException {
        byte[] bytes = Files.readAllBytes(dbf);
        if (bytes.length < 32) {
            throw GeoJsonSource.unreadable("the .dbf file is truncated");
        }
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        int from = Math.min(headerLength, bytes.length);
        Charset declared = null;
        String source = "the .dbf attributes";
        if (encodingParam != null) {
            declared = TextEncoding.named(encodingParam);
        } else if (cpg != null) {
            byte[] name = Files.readAllBytes(cpg);
            for (byte x : name) {
                if (x < 0x09 || x > 0x7e) {
                    throw GeoJsonSource.unreadable("the .cpg file is not an encoding name (it holds bytes that are not "
                            + "ASCII text); fix it to e.g. GBK or UTF-8, or remove it");
                }
            }
            declared = TextEncoding.named(new String(name, StandardCharsets.US_ASCII));
            source = "the .dbf attributes (declared by the .cpg file)";
        } else {
            int ldid = bytes[29] & 0xff;
            if (ldid == 0x4d || ldid == 0x7a) {
                declared = Charset.forName("GBK");
                source = "the .dbf attributes (declared GBK by the DBF language driver)";
            }
        }
        if (TextEncoding.isAscii(bytes, from, bytes.length)) {
            return declared == null ? StandardCharsets.UTF_8 : declared;
        }
        return TextEncoding.resolve(bytes, from, bytes.length, declared, source);
    }

    private Path unzip(Path zip, Path workDir) {
        try {
            Path dir = Files.createTempDirectory(workDir, "shp-");
            long written = 0;
            int entries = 0;
            try (ZipFile zf = new ZipFile(zip.toFile())) {
                Enumeration<? extends ZipEntry> en = zf.entries();
                while (en.hasMoreElements()) {
                    ZipEntry e = en.nextElement();
                    if (++entries > limits.maxArchiveEntries()) {
                        throw ProblemException.of(ProblemTypes.IMPORT_UNSAFE_ARCHIVE, "Unsafe archive",
                                "the zip has more than " + limits.maxArchiveEntries() + " entries");
                    }
                    String name = e.getName().replace('\\', '/');
                    if (name.startsWith("/") || name.contains("../") || name.equals("..") || name.contains(":")
                            || name.indexOf('\0') >= 0) {
                        throw ProblemException.of(ProblemTypes.IMPORT_UNSAFE_ARCHIVE, "Unsafe archive",
                                "the zip entry '" + name + "' points outside the archive; nothing was unpacked");
                    }
                    if (e.isDirectory()) {
                        continue;
                    }
                    String file = name.substring(name.lastIndexOf('/') + 1);
                    String ext = file.contains(".") ? file.substring(file.lastIndexOf('.') + 1)
                            .toLowerCase(Locale.ROOT) : "";
                    if (!PARTS.contains(ext) || file.startsWith(".")) {
                        continue;
                    }
                    Path target = dir.resolve(file).normalize();
                    if (!target.startsWith(dir)) {
                        throw ProblemException.of(ProblemTypes.IMPORT_UNSAFE_ARCHIVE, "Unsafe archive",
                                "the zip entry '" + name + "' points outside the archive");
                    }
                    try (InputStream in = zf.getInputStream(e); OutputStream out = Files.newOutputStream(target)) {
                        byte[] buf = new byte[65536];
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            written += n;
                            if (written > limits.maxUnzippedBytes()) {
                                throw new ProblemException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                                        ProblemTypes.IMPORT_LIMIT, "Import limit exceeded", "the zip unpacks to "
                                        + "more than " + limits.maxUnzippedBytes() + " bytes");
                            }
                            out.write(buf, 0, n);
                        }
                    }
                }
            }
            return dir;
        } catch (ZipException e) {
            throw GeoJsonSource.unreadable("not a readable zip archive: " + GeoPackageSource.firstLine(e));
        } catch (IOException e) {
            throw GeoJsonSource.unreadable("cannot unpack the zip: " + GeoPackageSource.firstLine(e));
        }
    }

    private static String base(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    private static Path sibling(Path dir, String base, String ext) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().equalsIgnoreCase(base + "." + ext)).findFirst()
                    .orElse(null);
        }
    }
}

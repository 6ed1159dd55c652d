package org.gridmap.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gridmap.support.ProblemException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV with a header row, as saved by Excel (UTF-8 with BOM, or GBK) or by other tools (UTF-8). Comma, semicolon or
 * tab separated. For point kinds, {@code lon}/{@code lat} (or {@code x}/{@code y}, 经度/纬度) columns give the point.
 */
final class CsvSource {
    private static final GeometryFactory GF = new GeometryFactory();

    SourceData read(Path file, String encodingParam, int maxRows) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int from = 0;
        Charset cs;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            from = 3;
            cs = TextEncoding.resolve(bytes, from, bytes.length,
                    encodingParam == null ? java.nio.charset.StandardCharsets.UTF_8 : TextEncoding.named(encodingParam),
                    "the CSV text (it starts with a UTF-8 byte order mark)");
        } else {
            cs = TextEncoding.resolve(bytes, 0, bytes.length,
                    encodingParam == null ? null : TextEncoding.named(encodingParam), "the CSV text");
        }
        String text = new String(bytes, from, bytes.length - from, cs);
        String firstLine = text.lines().findFirst().orElse("");
        char delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';'
                : count(firstLine, '\t') > count(firstLine, ',') ? '\t' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(false)
                .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW).get();
        List<RawFeature> out = new ArrayList<>();
        List<String> header;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw GeoJsonSource.unreadable("the CSV has no header row");
            }
            for (CSVRecord r : parser) {
                if (out.size() >= maxRows) {
                    throw GeoJsonSource.tooLarge("more than " + maxRows + " rows");
                }
                int line = (int) r.getRecordNumber() + 1;
                Map<String, Object> attrs = new LinkedHashMap<>();
                for (String h : header) {
                    attrs.put(h, r.isSet(h) ? r.get(h) : null);
                }
                String error = r.isConsistent() ? null
                        : "has " + r.size() + " values but the header has " + header.size() + " columns";
                out.add(new RawFeature(line, attrs, point(attrs), null, error));
            }
        } catch (IllegalArgumentException e) {
            throw GeoJsonSource.unreadable("the CSV header is not usable: " + GeoPackageSource.firstLine(e));
        } catch (IOException | UncheckedIOException e) {
            throw GeoJsonSource.unreadable("the CSV is malformed: " + GeoPackageSource.firstLine(e));
        } catch (ProblemException e) {
            throw e;
        }
        if (out.isEmpty()) {
            throw ProblemException.of(org.gridmap.support.ProblemTypes.IMPORT_EMPTY, "Empty file",
                    "the CSV has a header but no rows");
        }
        return new SourceData("CSV", out, null, cs.name(), header);
    }

    private static org.locationtech.jts.geom.Point point(Map<String, Object> attrs) {
        Object x = first(attrs, "lon", "lng", "longitude", "x", "经度");
        Object y = first(attrs, "lat", "latitude", "y", "纬度");
        if (x == null || y == null || x.toString().isBlank() || y.toString().isBlank()) {
            return null;
        }
        try {
            return GF.createPoint(new Coordinate(org.gridmap.support.Numbers.decimal(x.toString()),
                    org.gridmap.support.Numbers.decimal(y.toString())));
        } catch (NumberFormatException e) {
            return GF.createPoint(new Coordinate(Double.NaN, Double.NaN));
        }
    }

    private static Object first(Map<String, Object> attrs, String... names) {
        for (String n : names) {
            for (Map.Entry<String, Object> e : attrs.entrySet()) {
                if (e.getKey().equalsIgnoreCase(n)) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) == c) {
                n++;
            }
        }
        return n;
    }
}

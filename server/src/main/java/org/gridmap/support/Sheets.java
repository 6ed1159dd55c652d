package org.gridmap.support;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Tables exported as CSV (UTF-8 with a byte-order mark, so Excel and WPS read Chinese; formula-looking cells
 * neutralised by {@link Csv#cell}) or XLSX (Apache POI's streaming writer). In XLSX every text value is a text cell,
 * so ID numbers, phones and codes keep their leading zeros and digits and never turn into numbers or formulas; only
 * {@link Number} values are numeric cells.
 */
public final class Sheets {
    private Sheets() {}

    /** One sheet: a name, column headings, and rows of String / Number / null cells. */
    public record Table(String name, List<String> headers, List<List<Object>> rows) {}

    public static byte[] csv(List<Table> tables) {
        StringBuilder b = new StringBuilder("\uFEFF");
        for (int t = 0; t < tables.size(); t++) {
            Table table = tables.get(t);
            if (t > 0) {
                b.append("\r\n");
            }
            if (tables.size() > 1) {
                Csv.row(b, table.name());
            }
            Csv.row(b, table.headers().toArray(String[]::new));
            for (List<Object> r : table.rows()) {
                Csv.row(b, r.stream().map(v -> v == null ? null : String.valueOf(v)).toArray(String[]::new));
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] xlsx(List<Table> tables) {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle head = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            head.setFont(bold);
            CellStyle text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@"));
            for (Table table : tables) {
                Sheet sheet = wb.createSheet(table.name());
                Row h = sheet.createRow(0);
                for (int k = 0; k < table.headers().size(); k++) {
                    Cell c = h.createCell(k);
                    c.setCellValue(table.headers().get(k));
                    c.setCellStyle(head);
                }
                int n = 1;
                for (List<Object> r : table.rows()) {
                    Row row = sheet.createRow(n++);
                    for (int k = 0; k < r.size(); k++) {
                        Object v = r.get(k);
                        if (v == null) {
                            continue;
                        }
                        Cell c = row.createCell(k);
                        if (v instanceof Number num) {
                            c.setCellValue(num.doubleValue());
                        } else {
                            c.setCellValue(String.valueOf(v));
                            c.setCellStyle(text);
                        }
                    }
                }
            }
            wb.write(out);
            wb.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

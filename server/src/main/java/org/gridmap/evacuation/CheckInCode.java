package org.gridmap.evacuation;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A transfer's check-in code: 10 characters of Crockford's base 32 (no I, L, O, U), random, printed on the grid's
 * transfer sheet with its QR code. The QR holds {@code GM:<code>} and nothing else (no personal data).
 */
public final class CheckInCode {
    public static final Pattern PATTERN = Pattern.compile("[0-9A-HJKMNP-TV-Z]{10}");
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private CheckInCode() {}

    /** The code as typed (any case, spaces around), or null when it is not one. */
    public static String normal(String typed) {
        if (typed == null) {
            return null;
        }
        String s = typed.strip().toUpperCase(Locale.ROOT);
        return PATTERN.matcher(s).matches() ? s : null;
    }

    /** The QR code of a code as an SVG of dark modules (ZXing, error correction M, 2-module quiet zone). */
    public static String svg(String code) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode("GM:" + code, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder b = new StringBuilder(4096);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(m.getWidth()).append(' ')
                .append(m.getHeight()).append("\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
                        + "fill=\"#fff\"/><path fill=\"#000\" d=\"");
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    b.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return b.append("\"/></svg>").toString();
    }
}

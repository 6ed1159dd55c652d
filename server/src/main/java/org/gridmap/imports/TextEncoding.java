package org.gridmap.imports;

import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Which encoding attribute text is in. Chinese offices hand over UTF-8 (with or without BOM) and GBK/GB18030
 * (Excel's "CSV" and most Shapefiles). A declared encoding is trusted only if the bytes decode under it;
 * otherwise the import is refused with the encoding they do decode in, so text is never stored garbled.
 */
final class TextEncoding {
    static final Charset GB18030 = Charset.forName("GB18030");

    private TextEncoding() {}

    /** Maps the names found in .cpg files, DBF language drivers and parameters to a charset. */
    static Charset named(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (n) {
            case "UTF8", "65001", "UTF8BOM" -> StandardCharsets.UTF_8;
            case "GBK", "CP936", "936", "GB2312", "MS936", "EUCCN" -> Charset.forName("GBK");
            case "GB18030", "54936" -> GB18030;
            case "LATIN1", "ISO88591", "CP1252", "1252" -> StandardCharsets.ISO_8859_1;
            default -> throw ProblemException.invalidParameter("encoding", "'" + name + "' is not supported; use "
                    + "UTF-8, GBK or GB18030");
        };
    }

    static boolean decodes(byte[] bytes, int from, int to, Charset cs) {
        try {
            cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static boolean isAscii(byte[] bytes, int from, int to) {
        for (int k = from; k < to; k++) {
            if (bytes[k] < 0) {
                return false;
            }
        }
        return true;
    }

    private static ProblemException mislabelled(String what, Charset declared, String actual) {
        String pass = actual.startsWith("UTF") ? "UTF-8" : "GBK";
        return new ProblemException(io.micronaut.http.HttpStatus.BAD_REQUEST, ProblemTypes.IMPORT_ENCODING,
                "Mislabelled text encoding", what + " are declared as " + declared.name() + " but the bytes are "
                        + actual + "; read as " + declared.name() + " they would be stored garbled. Fix the declaration "
                        + "(.cpg file, DBF language driver) or pass encoding=" + pass + ", and import again.");
    }

    /** Whether the bytes decode as GB18030 into mostly Chinese characters (CJK ideographs and punctuation). */
    static boolean looksChinese(byte[] bytes, int from, int to) {
        if (!decodes(bytes, from, to, GB18030)) {
            return false;
        }
        String s = new String(bytes, from, to - from, GB18030);
        long nonAscii = s.chars().filter(c -> c >= 128).count();
        long cjk = s.chars().filter(c -> c >= 0x4e00 && c <= 0x9fff || c >= 0x3000 && c <= 0x303f
                || c >= 0xff00 && c <= 0xffef).count();
        return nonAscii > 0 && cjk * 2 >= nonAscii;
    }

    /**
     * @param declared the encoding the file or the caller states, or null
     * @param what     the file part, for messages (e.g. "the .dbf attributes")
     */
    static Charset resolve(byte[] bytes, int from, int to, Charset declared, String what) {
        if (declared != null) {
            boolean utf8 = decodes(bytes, from, to, StandardCharsets.UTF_8);
            if (!declared.equals(StandardCharsets.UTF_8) && utf8 && !isAscii(bytes, from, to)) {
                // GBK and Latin-1 decode almost any bytes, so a UTF-8 file labelled GBK would be stored as mojibake
                // (锟斤拷, 娴嬭瘯). Chinese text in GBK is practically never valid UTF-8 as well: believe the bytes.
                throw mislabelled(what, declared, "UTF-8");
            }
            if (declared.equals(StandardCharsets.ISO_8859_1) && !utf8 && looksChinese(bytes, from, to)) {
                throw mislabelled(what, declared, "GBK/GB18030");
            }
            if (decodes(bytes, from, to, declared)) {
                return declared;
            }
            String other = decodes(bytes, from, to, StandardCharsets.UTF_8) ? "UTF-8"
                    : decodes(bytes, from, to, GB18030) ? "GBK/GB18030" : "an unknown encoding";
            throw new ProblemException(io.micronaut.http.HttpStatus.BAD_REQUEST, ProblemTypes.IMPORT_ENCODING,
                    "Mislabelled text encoding",
                    what + " are declared as " + declared.name() + " but are not valid " + declared.name()
                            + "; they look like " + other + ". Fix the declaration (.cpg file or the encoding "
                            + "parameter) and import again.");
        }
        if (decodes(bytes, from, to, StandardCharsets.UTF_8)) {
            return StandardCharsets.UTF_8;
        }
        if (decodes(bytes, from, to, GB18030)) {
            return GB18030;
        }
        throw new ProblemException(io.micronaut.http.HttpStatus.BAD_REQUEST, ProblemTypes.IMPORT_ENCODING,
                "Unknown text encoding",
                what + " are neither UTF-8 nor GBK/GB18030; pass the encoding parameter");
    }
}

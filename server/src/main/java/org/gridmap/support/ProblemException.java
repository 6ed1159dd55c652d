package org.gridmap.support;

import io.micronaut.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client can act on, rendered as RFC 9457 problem+json by {@link ProblemHandler}.
 * Controllers and services throw it; nothing else turns errors into responses.
 */
public class ProblemException extends RuntimeException {
    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    /** @param detail what was wrong, in words; shortened and with control characters escaped (see {@link Texts}) */
    public ProblemException(HttpStatus status, String type, String title, String detail) {
        super(Texts.excerpt(detail, 4000));
        if (status.getCode() != ProblemTypes.status(type)) {
            // One status per type, as docs/problems.md documents it: a mismatch is a programming error.
            throw new IllegalArgumentException("problem type " + type + " answers " + ProblemTypes.status(type)
                    + ", not " + status.getCode());
        }
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public ProblemException with(String key, Object value) {
        extensions.put(key, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
                what + " '" + id + "' does not exist or is outside your area");
    }

    public static ProblemException badRequest(String type, String title, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, type, title, detail);
    }

    public static ProblemException invalidParameter(String name, String rule) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_PARAMETER, "Invalid parameter",
                "parameter '" + name + "' " + rule).with("parameter", name);
    }

    /** A problem of {@code type} with the type's own status (see {@link ProblemTypes}). */
    public static ProblemException of(String type, String title, String detail) {
        return new ProblemException(HttpStatus.valueOf(ProblemTypes.status(type)), type, title, detail);
    }

    public static ProblemException unprocessable(String type, String title, String detail) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, type, title, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", detail);
    }
}

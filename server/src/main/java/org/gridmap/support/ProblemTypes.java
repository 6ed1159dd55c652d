package org.gridmap.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Problem type URIs (RFC 9457 "type"), relative to the server; each is described in docs/problems.md (a test keeps
 * the two lists equal). One place for every kind of failure the API reports, with the HTTP status it answers by
 * default ({@link ProblemException#of}).
 */
public final class ProblemTypes {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "/problems/";
    private static final Map<String, Integer> STATUS = new LinkedHashMap<>();

    public static final String NOT_FOUND = type("not-found", 404);
    public static final String INVALID_PARAMETER = type("invalid-parameter", 400);
    public static final String INVALID_CONTENT = type("invalid-content", 422);
    public static final String BAD_REQUEST = type("bad-request", 400);
    public static final String UNAUTHORIZED = type("unauthorized", 401);
    public static final String FORBIDDEN = type("forbidden", 403);
    public static final String METHOD_NOT_ALLOWED = type("method-not-allowed", 405);
    public static final String NOT_ACCEPTABLE = type("not-acceptable", 406);
    public static final String UNSUPPORTED_MEDIA_TYPE = type("unsupported-media-type", 415);
    public static final String PAYLOAD_TOO_LARGE = type("payload-too-large", 413);
    public static final String CONFLICT = type("conflict", 409);
    public static final String TOO_MANY_REQUESTS = type("too-many-requests", 429);
    public static final String LOGIN_THROTTLED = type("login-throttled", 429);
    public static final String INTERNAL = type("internal-error", 500);
    public static final String UNAVAILABLE = type("service-unavailable", 503);

    public static final String IMPORT_FORMAT = type("import-unsupported-format", 415);
    public static final String IMPORT_UNREADABLE = type("import-unreadable-file", 400);
    public static final String IMPORT_UNSAFE_ARCHIVE = type("import-unsafe-archive", 400);
    public static final String IMPORT_ENCODING = type("import-encoding", 400);
    public static final String IMPORT_CRS = type("import-crs", 400);
    public static final String IMPORT_LIMIT = type("import-limit-exceeded", 413);
    public static final String IMPORT_INVALID_ROWS = type("import-invalid-rows", 422);
    public static final String IMPORT_EMPTY = type("import-empty", 400);

    public static final String PRECONDITION_FAILED = type("precondition-failed", 412);
    public static final String PRECONDITION_REQUIRED = type("precondition-required", 428);
    public static final String DRAFT_STALE = type("draft-stale", 409);

    public static final String TICKET_TRANSITION = type("ticket-illegal-transition", 409);
    public static final String IDEMPOTENCY_KEY_MISSING = type("idempotency-key-missing", 400);
    public static final String IDEMPOTENCY_KEY_REUSED = type("idempotency-key-reused", 422);
    public static final String TICKET_LOCATION = type("ticket-location", 422);

    private ProblemTypes() {}

    private static String type(String name, int status) {
        String t = BASE + name;
        STATUS.put(t, status);
        return t;
    }

    /** Every problem type the service can emit, with its default HTTP status. */
    public static Map<String, Integer> all() {
        return Collections.unmodifiableMap(STATUS);
    }

    /** The default HTTP status of a type (500 for one that is not in the table). */
    public static int status(String type) {
        return STATUS.getOrDefault(type, 500);
    }
}

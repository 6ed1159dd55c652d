package org.gridmap.support;

/**
 * Problem type URIs (RFC 9457 "type"), relative to the server; each is described in docs/problems.md.
 * One place for every kind of failure the API reports.
 */
public final class ProblemTypes {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "/problems/";

    public static final String NOT_FOUND = BASE + "not-found";
    public static final String INVALID_PARAMETER = BASE + "invalid-parameter";
    public static final String BAD_REQUEST = BASE + "bad-request";
    public static final String UNAUTHORIZED = BASE + "unauthorized";
    public static final String FORBIDDEN = BASE + "forbidden";
    public static final String METHOD_NOT_ALLOWED = BASE + "method-not-allowed";
    public static final String NOT_ACCEPTABLE = BASE + "not-acceptable";
    public static final String UNSUPPORTED_MEDIA_TYPE = BASE + "unsupported-media-type";
    public static final String PAYLOAD_TOO_LARGE = BASE + "payload-too-large";
    public static final String CONFLICT = BASE + "conflict";
    public static final String INTERNAL = BASE + "internal-error";

    public static final String IMPORT_FORMAT = BASE + "import-unsupported-format";
    public static final String IMPORT_UNREADABLE = BASE + "import-unreadable-file";
    public static final String IMPORT_UNSAFE_ARCHIVE = BASE + "import-unsafe-archive";
    public static final String IMPORT_ENCODING = BASE + "import-encoding";
    public static final String IMPORT_CRS = BASE + "import-crs";
    public static final String IMPORT_LIMIT = BASE + "import-limit-exceeded";
    public static final String IMPORT_INVALID_ROWS = BASE + "import-invalid-rows";
    public static final String IMPORT_EMPTY = BASE + "import-empty";

    public static final String TICKET_TRANSITION = BASE + "ticket-illegal-transition";
    public static final String IDEMPOTENCY_KEY_MISSING = BASE + "idempotency-key-missing";
    public static final String IDEMPOTENCY_KEY_REUSED = BASE + "idempotency-key-reused";
    public static final String TICKET_LOCATION = BASE + "ticket-location";

    private ProblemTypes() {}
}

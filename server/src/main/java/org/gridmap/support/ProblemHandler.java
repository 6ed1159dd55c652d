package org.gridmap.support;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every error into RFC 9457 problem+json: our own {@link ProblemException}s, and everything Micronaut
 * reports (unknown routes, bad arguments, 401/403, oversized bodies, unexpected exceptions). Server-side
 * failures are logged with a correlation id and shown without SQL or stack traces.
 */
@Singleton
@Primary
@Produces(ProblemTypes.MEDIA_TYPE)
public class ProblemHandler implements ExceptionHandler<ProblemException, HttpResponse<?>>,
        ErrorResponseProcessor<Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
    public static final MediaType PROBLEM = MediaType.of(ProblemTypes.MEDIA_TYPE);

    @Override
    public HttpResponse<?> handle(HttpRequest request, ProblemException e) {
        if (Open311Error.applies(request.getPath())) {
            return Open311Error.response(request.getPath(), e.status(), e.detail());
        }
        Map<String, Object> body = body(e.status(), e.type(), e.title(), e.detail(), request.getPath());
        body.putAll(e.extensions());
        MutableHttpResponse<Map<String, Object>> r = HttpResponse.status(e.status()).contentType(PROBLEM).body(body);
        if (e.extensions().get(RETRY_AFTER) instanceof Number seconds) {
            r.header("Retry-After", String.valueOf(Math.max(1, seconds.longValue())));
        }
        return r;
    }

    /** The extension (seconds) that also becomes a Retry-After header (RFC 9110 §10.2.3). */
    public static final String RETRY_AFTER = "retry_after_seconds";

    @Override
    public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext ctx, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String detail;
        Map<String, Object> extra = new LinkedHashMap<>();
        if (status.getCode() >= 500 && unstorableText(ctx.getRootCause().orElse(null))) {
            // Text that PostgreSQL cannot hold (NUL, invalid UTF-8) got past the entry checks: the client's fault.
            status = HttpStatus.BAD_REQUEST;
            response.status(status);
            detail = "the request holds text the database cannot store (a NUL character or bytes that are not "
                    + "UTF-8); remove it and send again";
        } else if (status.getCode() >= 500) {
            String id = UUID.randomUUID().toString();
            LOG.error("[{}] {} {} failed", id, ctx.getRequest().getMethod(), ctx.getRequest().getPath(),
                    ctx.getRootCause().orElse(null));
            detail = "The server could not complete the request; it has been logged with correlation id " + id;
            extra.put("correlation_id", id);
        } else {
            detail = ctx.getErrors().stream().map(Error::getMessage).map(ProblemHandler::plain).distinct()
                    .collect(Collectors.joining("; "));
            if (detail.isBlank()) {
                detail = status.getReason();
            }
        }
        if (Open311Error.applies(ctx.getRequest().getPath()) && ctx.getRequest().getMethod() != HttpMethod.HEAD) {
            MutableHttpResponse<String> o = Open311Error.response(ctx.getRequest().getPath(), status, detail);
            return (MutableHttpResponse<Map<String, Object>>) (MutableHttpResponse<?>) response
                    .contentType(o.getContentType().orElseThrow()).body(o.body());
        }
        Map<String, Object> body = body(status, typeFor(status), status.getReason(), detail, ctx.getRequest().getPath());
        body.putAll(extra);
        if (ctx.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Map<String, Object>>) response;
        }
        return response.contentType(PROBLEM).body(body);
    }

    /** Whether a failure comes from text PostgreSQL refuses (SQLSTATE 22021 invalid byte sequence, 22P05). */
    static boolean unstorableText(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (x instanceof java.sql.SQLException se && ("22021".equals(se.getSQLState())
                    || "22P05".equals(se.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Micronaut's messages for unreadable requests, in the API's words: no Java types, classes or argument
     * declarations ("Required argument [double lon] not specified" → "parameter 'lon' is required").
     */
    static String plain(String m) {
        if (m == null) {
            return "";
        }
        String s = m.replaceAll("Required (?:argument|QueryValue|Part|Header|Body) \\[(?:[\\w.$<>, ]+ )?([\\w-]+)\\] not "
                + "specified", "parameter '$1' is required");
        s = s.replaceAll("Failed to convert argument \\[([\\w-]+)\\] for value \\[(.*?)\\] due to: .*",
                "parameter '$1' has the value '$2', which is not of the expected kind (a number, a date, true/false…)");
        s = s.replaceAll("(?s)Error decoding (?:JSON stream|request body) for type \\[[^\\]]*\\]: ?", "the JSON body cannot "
                + "be read: ");
        return Texts.excerpt(Texts.withoutInternals(s), 500);
    }

    public static Map<String, Object> body(HttpStatus status, String type, String title, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status.getCode());
        body.put("detail", detail);
        body.put("instance", instance);
        return body;
    }

    static String typeFor(HttpStatus status) {
        return switch (status.getCode()) {
            case 400 -> ProblemTypes.BAD_REQUEST;
            case 401 -> ProblemTypes.UNAUTHORIZED;
            case 403 -> ProblemTypes.FORBIDDEN;
            case 404 -> ProblemTypes.NOT_FOUND;
            case 405 -> ProblemTypes.METHOD_NOT_ALLOWED;
            case 406 -> ProblemTypes.NOT_ACCEPTABLE;
            case 409 -> ProblemTypes.CONFLICT;
            case 413 -> ProblemTypes.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ProblemTypes.TOO_MANY_REQUESTS;
            case 503 -> ProblemTypes.UNAVAILABLE;
            default -> status.getCode() >= 500 ? ProblemTypes.INTERNAL : ProblemTypes.BAD_REQUEST;
        };
    }
}

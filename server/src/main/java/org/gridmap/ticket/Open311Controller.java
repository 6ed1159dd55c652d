package org.gridmap.ticket;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.gridmap.security.Caller;
import org.gridmap.security.Role;
import org.gridmap.support.Open311Error;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;
import org.gridmap.support.PublicUrl;
import org.gridmap.support.Texts;
import org.gridmap.ticket.TicketModels.Category;
import org.gridmap.ticket.TicketModels.NewTicket;
import org.gridmap.ticket.TicketModels.Ticket;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over tickets, for existing 311 clients: discovery,
 * services (the category catalogue), service definitions, posting a request (form-encoded, with an api_key) and
 * reading requests, in JSON and XML, with GeoReport's own error format. service_request_id is the ticket number.
 * Reads are public and carry no reporter data; phone and ID numbers in descriptions and addresses are masked
 * (the tickets come masked from the repository), and only requests filed through Open311 show their words and address
 * (a hotline call or a patrol report is staff's note and may name people: it shows its category).
 */
@Controller("/open311/v2")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "open311")
class Open311Controller {
    private static final MediaType XML = MediaType.of("text/xml; charset=utf-8");
    private static final Caller PUBLIC = new Caller("open311", Role.HOTLINE, "");

    private final TicketService tickets;
    private final TicketQuery query;
    private final JsonMapper json;
    private final PublicUrl publicUrl;

    private final org.gridmap.support.Deployment deployment;

    Open311Controller(TicketService tickets, TicketQuery query, JsonMapper json, PublicUrl publicUrl,
                      org.gridmap.support.Deployment deployment) {
        this.deployment = deployment;
        this.tickets = tickets;
        this.query = query;
        this.json = json;
        this.publicUrl = publicUrl;
    }

    @Operation(summary = "GeoReport v2 service discovery")
    @Get("/discovery.{format}")
    HttpResponse<String> discovery(@PathVariable String format) {
        String base = publicUrl.base() + "/open311/v2/";
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
        endpoint.put("url", base);
        endpoint.put("changeset", "2026-11-23T00:00:00+08:00");
        endpoint.put("type", "production");
        endpoint.put("formats", List.of("text/xml", "application/json"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("changeset", "2026-11-23T00:00:00+08:00");
        org.gridmap.support.Deployment.District district = deployment.district();
        if (district.contact() != null) {
            d.put("contact", district.contact());
        }
        d.put("key_service", "api_key: ask the district office (区网格化服务管理中心) for one");
        d.put("endpoints", List.of(endpoint));
        return render(format, d, "discovery", null);
    }

    @Operation(summary = "GeoReport v2 services: the ticket categories")
    @Get("/services.{format}")
    HttpResponse<String> services(@PathVariable String format) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Category k : tickets.categories()) {
            if (k.active()) {
                out.add(service(k));
            }
        }
        return render(format, out, "services", "service");
    }

    @Operation(summary = "GeoReport v2 service definition (no extra attributes: metadata is false for every service)")
    @Get("/services/{code}.{format}")
    HttpResponse<String> definition(@PathVariable String code, @PathVariable String format) {
        checkFormat(format);
        Category k = tickets.categories().stream().filter(c -> c.code().equals(code) && c.active()).findFirst()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
                        "service_code '" + code + "' not found"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("service_code", k.code());
        d.put("attributes", List.of());
        return render(format, d, "service_definition", null);
    }

    @Operation(summary = "GeoReport v2 POST a service request (form-encoded: api_key, service_code, lat, long, "
            + "address_string, description, first_name, last_name, phone, media_url). Idempotency-Key is honoured "
            + "when sent, not required")
    @Post(value = "/requests.{format}", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA,
            MediaType.APPLICATION_JSON}, produces = {MediaType.APPLICATION_JSON, "text/xml"})
    HttpResponse<String> post(@PathVariable String format, @Nullable @Body Map<String, Object> form,
                              @Nullable @Header("Idempotency-Key") String key) {
        checkFormat(format);
        Map<String, Object> f = form == null ? Map.of() : form;
        io.micronaut.http.context.ServerRequestContext.currentRequest().ifPresent(r -> {
            for (String name : r.getParameters().names()) {
                if (f.containsKey(name)) {
                    throw ProblemException.invalidParameter(name, "is given both in the URL and in the form; give "
                            + "it once");
                }
            }
        });
        String jurisdiction = text(f, "jurisdiction_id");
        if (jurisdiction != null) {
            checkJurisdiction(jurisdiction);
        }
        String apiKey = text(f, "api_key");
        List<String> keys = tickets.config().keys();
        if (apiKey == null || keys.stream().noneMatch(k -> MessageDigest.isEqual(k.getBytes(StandardCharsets.UTF_8),
                apiKey.getBytes(StandardCharsets.UTF_8)))) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                    apiKey == null ? "api_key is required to post a service request" : "api_key is not valid");
        }
        String code = text(f, "service_code");
        if (code == null) {
            throw ProblemException.invalidParameter("service_code", "is required");
        }
        Double lat = number(f, "lat");
        Double lon = number(f, "long");
        if (lat == null || lon == null) {
            throw ProblemException.invalidParameter("lat/long", "are required (this service routes requests by "
                    + "location; address_string alone is not enough)");
        }
        String description = text(f, "description");
        String name = String.join("", text(f, "last_name") == null ? "" : text(f, "last_name"),
                text(f, "first_name") == null ? "" : text(f, "first_name"));
        String media = text(f, "media_url");
        NewTicket t = new NewTicket("OPEN311", code, description, text(f, "address_string"), lon, lat,
                name.isEmpty() ? null : name, text(f, "phone"), media == null ? null : List.of(media), false);
        Caller caller = new Caller("open311:" + shortHash(apiKey), Role.HOTLINE, "");
        TicketService.Filed filed = tickets.file(caller, "OPEN311", t, key);
        Ticket ticket = tickets.get(caller, filed.ticketId()).ticket();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service_request_id", ticket.number());
        r.put("service_notice", notice(ticket));
        r.put("account_id", null);
        return render(format, List.of(r), "service_requests", "request").status(HttpStatus.CREATED);
    }

    @Operation(summary = "GeoReport v2 GET service requests: service_request_id (comma list), service_code, "
            + "start_date, end_date, status (open|closed); bbox=W,S,E,N as an extension. Last 90 days by default, "
            + "1000 at most")
    @Get("/requests.{format}")
    HttpResponse<String> requests(@PathVariable String format,
                                  @Nullable @QueryValue("service_request_id") String ids,
                                  @Nullable @QueryValue("service_code") String serviceCode,
                                  @Nullable @QueryValue("start_date") String startDate,
                                  @Nullable @QueryValue("end_date") String endDate,
                                  @Nullable @QueryValue String status, @Nullable @QueryValue String bbox) {
        checkFormat(format);
        String statuses = null;
        if (status != null) {
            List<String> s = new ArrayList<>();
            for (String part : status.split(",")) {
                switch (part.strip().toLowerCase(java.util.Locale.ROOT)) {
                    case "open" -> Status.OPEN.forEach(x -> s.add(x.name()));
                    case "closed" -> Status.CLOSED_GROUP.forEach(x -> s.add(x.name()));
                    default -> throw ProblemException.invalidParameter("status", "is open or closed");
                }
            }
            statuses = String.join(",", s);
        }
        String from = startDate;
        String to = endDate;
        if (ids == null && from == null && to == null) {
            from = OffsetDateTime.now().minusDays(90).toString();
        }
        TicketModels.Page page = query.list(PUBLIC, new TicketQuery.Filter(bbox, null, null, null, null, null, statuses,
                serviceCode, null, null, from, to, null, ids), 1, 1000);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Ticket t : page.tickets()) {
            out.add(request(t));
        }
        return render(format, out, "service_requests", "request");
    }

    @Operation(summary = "GeoReport v2 GET one service request by its id (the ticket number)")
    @Get("/requests/{id}.{format}")
    HttpResponse<String> request(@PathVariable String id, @PathVariable String format) {
        checkFormat(format);
        if (!id.matches("\\d{4}-\\d{6,}")) {
            throw new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
                    "service_request_id '" + id + "' not found");
        }
        TicketModels.Page page = query.list(PUBLIC, new TicketQuery.Filter(null, null, null, null, null, null, null,
                null, null, null, null, null, null, id), 1, 1);
        if (page.tickets().isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
                    "service_request_id '" + id + "' not found");
        }
        return render(format, List.of(request(page.tickets().get(0))), "service_requests", "request");
    }

    // ------------------------------------------------------------------------------------------------ shapes

    private static Map<String, Object> service(Category k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_code", k.code());
        m.put("service_name", k.name());
        m.put("description", k.description().isEmpty() ? k.nameEn() : k.description() + " / " + k.nameEn());
        m.put("metadata", false);
        m.put("type", "realtime");
        m.put("keywords", k.nameEn().toLowerCase(java.util.Locale.ROOT));
        m.put("group", k.department());
        return m;
    }

    private static Map<String, Object> request(Ticket t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", t.number());
        m.put("status", Status.valueOf(t.status()).isOpen() ? "open" : "closed");
        m.put("status_notes", t.statusZh() + " · " + t.levelZh() + (t.overdue() ? " · 已超时" : ""));
        m.put("service_name", t.categoryName());
        m.put("service_code", t.category());
        // The words of a report filed here were written for the public; a hotline call or a patrol is noted by staff
        // and may name the caller or a neighbour, which no masking can find: those say only their category.
        boolean own = "OPEN311".equals(t.source());
        m.put("description", own ? t.description() : t.categoryName());
        m.put("agency_responsible", t.department());
        m.put("service_notice", notice(t));
        m.put("requested_datetime", iso(t.createdAt()));
        m.put("updated_datetime", iso(t.updatedAt()));
        m.put("expected_datetime", iso(t.dueAt()));
        m.put("address", own ? t.address() : null);
        m.put("address_id", null);
        m.put("zipcode", null);
        // a staff-noted report's point is given to about 100 m (3 decimals): near enough to see where, not a door
        m.put("lat", own ? t.lat() : Math.round(t.lat() * 1000) / 1000.0);
        m.put("long", own ? t.lon() : Math.round(t.lon() * 1000) / 1000.0);
        m.put("media_url", t.photos().isEmpty() ? null : t.photos().get(0));
        return m;
    }

    private static String notice(Ticket t) {
        return "已受理，由" + t.department() + "负责；当前在" + t.levelZh() + "办理，限" + iso(t.dueAt()) + "前办结";
    }

    private static String iso(OffsetDateTime t) {
        return t == null ? null : t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** A form field: given once, UTF-8 text without control characters (a GBK percent-escape decodes to U+FFFD). */
    private static String text(Map<String, Object> f, String name) {
        Object v = f.get(name);
        if (v instanceof List<?> l) {
            if (l.size() > 1) {
                throw ProblemException.invalidParameter(name, "is given " + l.size() + " times; give it once");
            }
            v = l.isEmpty() ? null : l.get(0);
        }
        if (v != null && !(v instanceof String) && !(v instanceof Number)) {
            throw ProblemException.invalidParameter(name, "must be a single value");
        }
        String s = v == null || v.toString().isBlank() ? null : v.toString().strip();
        return Texts.check(name, s, name.equals("description"));
    }

    private static Double number(Map<String, Object> f, String name) {
        String v = text(f, name);
        if (v == null) {
            return null;
        }
        try {
            return org.gridmap.support.Numbers.decimal(v);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidParameter(name, "must be a number in degrees (WGS 84)");
        }
    }

    private static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void checkFormat(String format) {
        if (!format.equals("json") && !format.equals("xml")) {
            throw new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
                    "format '" + format + "' is not offered: use .json or .xml");
        }
        io.micronaut.http.context.ServerRequestContext.currentRequest()
                .flatMap(r -> r.getParameters().getFirst("jurisdiction_id")).ifPresent(this::checkJurisdiction);
    }

    /** GeoReport v2's jurisdiction_id is optional; one that is sent must be this installation's. */
    private void checkJurisdiction(String given) {
        String ours = deployment.district().jurisdictionId();
        if (ours == null || !ours.equals(given.strip())) {
            throw new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
                    "jurisdiction_id '" + org.gridmap.support.Texts.excerpt(given, 40) + "' is not served here"
                            + (ours == null ? "" : " (this endpoint serves " + ours + ")"));
        }
    }

    /** JSON through the JSON mapper; XML through StAX, with a root element and one child element per list item. */
    private io.micronaut.http.MutableHttpResponse<String> render(String format, Object value, String root, String item) {
        checkFormat(format);
        if (format.equals("json")) {
            try {
                return HttpResponse.ok(json.writeValueAsString(value)).contentType(MediaType.APPLICATION_JSON_TYPE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("utf-8", "1.0");
            w.writeStartElement(root);
            if (value instanceof List<?> list) {
                for (Object o : list) {
                    element(w, item, o);
                }
            } else {
                fields(w, (Map<?, ?>) value);
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
            return HttpResponse.ok(out.toString()).contentType(XML);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void element(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        w.writeStartElement(name);
        if (value instanceof Map<?, ?> m) {
            fields(w, m);
        } else if (value != null) {
            w.writeCharacters(value.toString());
        }
        w.writeEndElement();
    }

    private static void fields(XMLStreamWriter w, Map<?, ?> m) throws XMLStreamException {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String name = e.getKey().toString();
            if (e.getValue() instanceof List<?> l) {
                w.writeStartElement(name);
                String child = name.equals("endpoints") ? "endpoint" : name.equals("formats") ? "format" : "attribute";
                for (Object o : l) {
                    element(w, child, o);
                }
                w.writeEndElement();
            } else {
                element(w, name, e.getValue());
            }
        }
    }
}

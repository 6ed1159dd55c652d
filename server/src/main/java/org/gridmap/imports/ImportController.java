package org.gridmap.imports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.gridmap.security.Caller;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemHandler;
import org.gridmap.support.ProblemTypes;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/imports} (multipart: kind, file, and options crs, encoding, layer, scenario, repair) and
 * {@code GET /api/imports/{id}}. The POST waits for the job up to {@code gridmap.imports.wait-seconds} (or the
 * RFC 7240 {@code Prefer: wait=N}) and answers its outcome: 201 with the job, or the job's problem (4xx) with
 * the row errors. A longer job, or {@code Prefer: respond-async}, answers 202 with a Location to watch.
 */
@Controller("/api/imports")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "imports")
class ImportController {
    private final ImportService imports;
    private final ImportConfig config;

    ImportController(ImportService imports, ImportConfig config) {
        this.imports = imports;
        this.config = config;
    }

    /** The parts a request may have; each once. */
    static final java.util.List<String> PARTS = java.util.List.of("kind", "file", "crs", "encoding", "layer", "scenario",
            "repair");

    @Operation(summary = "Import a file: GeoJSON, GeoPackage, zipped Shapefile or CSV, all rows or none")
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<?> create(@Body io.micronaut.http.server.multipart.MultipartBody body,
                           @Nullable @Header("Prefer") String prefer, Authentication auth) {
        // Every part is read here, so that one given twice (which would silently win?) is refused by name.
        Map<String, String> fields = new LinkedHashMap<>();
        CompletedFileUpload file = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (io.micronaut.http.multipart.CompletedPart part
                : reactor.core.publisher.Flux.from(body).collectList().blockOptional().orElse(java.util.List.of())) {
            String name = part.getName();
            if (!PARTS.contains(name)) {
                throw ProblemException.invalidParameter(org.gridmap.support.Texts.excerpt(name, 40), "is not a part "
                        + "of an import; the parts are " + String.join(", ", PARTS));
            }
            if (!seen.add(name)) {
                throw ProblemException.invalidParameter(name, "is given twice; send each part once");
            }
            if (name.equals("file")) {
                if (!(part instanceof CompletedFileUpload upload)) {
                    throw ProblemException.invalidParameter("file", "must be a file part (with a filename)");
                }
                file = upload;
            } else {
                try {
                    fields.put(name, new String(part.getBytes(), java.nio.charset.StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw GeoJsonSource.unreadable("the part '" + name + "' could not be read");
                }
            }
        }
        String kind = fields.get("kind");
        if (kind == null || kind.isBlank()) {
            throw ProblemException.invalidParameter("kind", "is required: " + String.join(", ",
                    java.util.Arrays.stream(ImportKind.values()).map(ImportKind::apiName).toList()));
        }
        if (file == null) {
            throw ProblemException.invalidParameter("file", "is required: the file to import, as a multipart file (an empty file counts as none)");
        }
        String crs = fields.get("crs");
        String encoding = fields.get("encoding");
        String layer = fields.get("layer");
        String scenario = fields.get("scenario");
        String repair = fields.get("repair");
        Caller caller = Caller.of(auth);
        if (!caller.role().imports()) {
            throw ProblemException.forbidden("role " + caller.role() + " may not import data");
        }
        ImportKind k = ImportKind.parse(kind);
        for (String[] o : new String[][] {{"crs", crs}, {"encoding", encoding}, {"layer", layer},
                {"scenario", scenario}, {"repair", repair}}) {
            org.gridmap.support.Texts.check(o[0], o[1], false);
            if (o[1] != null && o[1].length() > 200) {
                throw ProblemException.invalidParameter(o[0], "is longer than 200 characters");
            }
        }
        if (crs != null) {
            SourceCrs.parse(crs);
        }
        if (repair != null && !repair.equals("true") && !repair.equals("false")) {
            throw ProblemException.invalidParameter("repair", "must be true or false");
        }
        Map<String, String> options = new LinkedHashMap<>();
        put(options, "crs", crs);
        put(options, "encoding", encoding);
        put(options, "layer", layer);
        put(options, "scenario", scenario);
        put(options, "repair", repair);
        Path saved;
        try {
            Path dir = Path.of(config.workDirectory());
            saved = Files.createTempFile(dir, "upload-", ".bin");
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, saved, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw GeoJsonSource.unreadable("the upload could not be stored: " + e.getMessage());
        }
        UUID id = UUID.randomUUID();
        CompletableFuture<ImportJob> f = imports.submit(id, new ImportService.Request(k, saved, file.getFilename(),
                options, caller.username(), caller.role().name(), caller.area()));
        URI location = URI.create("/api/imports/" + id);
        int wait = waitSeconds(prefer);
        if (wait > 0) {
            try {
                return outcome(f.get(wait, TimeUnit.SECONDS), location);
            } catch (TimeoutException e) {
                // still running: answer 202 below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException("import " + id + " failed without a recorded outcome", e.getCause());
            }
        }
        return HttpResponse.accepted(location).body(imports.job(id).orElseThrow());
    }

    @Operation(summary = "An import job: status, phase, progress, counts, refused rows, repairs")
    @Get("/{id}")
    ImportJob get(@PathVariable String id, Authentication auth) {
        Caller caller = Caller.of(auth);
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("import job", id);
        }
        ImportJob job = imports.job(uuid).orElseThrow(() -> ProblemException.notFound("import job", id));
        if (!job.createdBy().equals(caller.username()) && caller.role() != org.gridmap.security.Role.ADMIN) {
            throw ProblemException.notFound("import job", id);
        }
        return job;
    }

    private HttpResponse<?> outcome(ImportJob job, URI location) {
        if (job.status().equals("SUCCEEDED")) {
            return HttpResponse.created(job, location);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> p = job.problem() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        int status = p.get("status") instanceof Number n ? n.intValue() : 422;
        HttpStatus st = HttpStatus.valueOf(status);
        Map<String, Object> body = ProblemHandler.body(st, String.valueOf(p.getOrDefault("type",
                ProblemTypes.IMPORT_INVALID_ROWS)), String.valueOf(p.getOrDefault("title", "Import failed")),
                job.message(), location.toString());
        p.forEach((key, v) -> {
            if (!body.containsKey(key)) {
                body.put(key, v);
            }
        });
        body.put("job_id", job.id());
        body.put("error_count", job.errorCount());
        body.put("errors", job.errors());
        return HttpResponse.status(st).contentType(ProblemHandler.PROBLEM).body(body);
    }

    private int waitSeconds(String prefer) {
        int wait = config.waitSeconds();
        if (prefer != null) {
            for (String p : prefer.split(",")) {
                String t = p.strip().toLowerCase(java.util.Locale.ROOT);
                if (t.equals("respond-async")) {
                    return 0;
                }
                if (t.startsWith("wait=")) {
                    try {
                        wait = Math.max(0, Math.min(600, Integer.parseInt(t.substring(5).strip())));
                    } catch (NumberFormatException ignored) {
                        // RFC 7240: an unusable preference is ignored
                    }
                }
            }
        }
        return wait;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v.strip());
        }
    }
}

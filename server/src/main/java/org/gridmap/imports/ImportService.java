package org.gridmap.imports;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.http.HttpStatus;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.gridmap.security.Audit;
import org.gridmap.support.Db;
import org.gridmap.support.ServiceEnvelope;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;
import org.gridmap.support.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * Runs imports: read the file, validate every row, and write all rows in one transaction or none. Jobs run one at a
 * time on the "imports" executor; their progress is in import_job. A failed, refused or killed import leaves the
 * database as it was.
 */
@Singleton
public class ImportService {
    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);

    /** What to import and how; options: crs, encoding, layer, scenario, repair. */
    public record Request(ImportKind kind, Path file, String fileName, Map<String, String> options, String actor,
                          String role, String area) {}

    private final Db db;
    private final ImportConfig config;
    private final ServiceEnvelope envelope;
    private final Audit audit;
    private final ImportJobRepository jobs;
    private final ExecutorService executor;
    private final Map<UUID, CompletableFuture<ImportJob>> running = new ConcurrentHashMap<>();

    ImportService(Db db, ImportConfig config, ServiceEnvelope envelope, Audit audit, ImportJobRepository jobs,
                  @Named("imports") ExecutorService executor) {
        this.db = db;
        this.config = config;
        this.envelope = envelope;
        this.audit = audit;
        this.jobs = jobs;
        this.executor = executor;
    }

    @EventListener
    void onStartup(StartupEvent e) {
        int n = jobs.markInterrupted();
        if (n > 0) {
            LOG.warn("{} import job(s) were interrupted by a stop; marked FAILED (nothing of them was stored)", n);
        }
    }

    /** Queues an import; the future completes with the finished job. The request's file is deleted afterwards. */
    public CompletableFuture<ImportJob> submit(UUID id, Request r) {
        jobs.create(id, r.kind(), r.fileName(), r.actor(), r.options());
        CompletableFuture<ImportJob> f = CompletableFuture.supplyAsync(() -> run(id, r), executor);
        running.put(id, f);
        f.whenComplete((job, ex) -> running.remove(id));
        return f;
    }

    public Optional<ImportJob> job(UUID id) {
        return jobs.find(id);
    }

    /** The command-line import: runs in this thread, prints progress, returns the process exit code. */
    public int runFromCli(Path file, Map<String, String> opts) {
        ImportKind kind = ImportKind.parse(opts.get("kind"));
        Path copy;
        try {
            copy = Files.createTempFile(Path.of(config.workDirectory()), "import-",
                    "-" + file.getFileName());
            Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.err.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        Map<String, String> options = new LinkedHashMap<>(opts);
        options.remove("kind");
        UUID id = UUID.randomUUID();
        Request r = new Request(kind, copy, file.getFileName().toString(), options, "cli:" + System.getProperty(
                "user.name"), "ADMIN", "");
        jobs.create(id, kind, r.fileName(), r.actor(), options);
        ImportJob job = run(id, r);
        System.out.println("导入 / import " + job.id() + ": " + job.status() + " " + job.counts());
        if (job.message() != null) {
            System.out.println("  " + job.message());
        }
        if (job.errors() instanceof List<?> errs) {
            errs.stream().limit(50).forEach(e -> System.out.println("  " + e));
            if (job.errorCount() > 50) {
                System.out.println("  … " + (job.errorCount() - 50) + " more");
            }
        }
        return job.status().equals("SUCCEEDED") ? 0 : 1;
    }

    private ImportJob run(UUID id, Request r) {
        long t0 = System.nanoTime();
        Path work = null;
        try {
            work = Files.createTempDirectory(Path.of(config.workDirectory()), "import-" + id + "-");
            jobs.progress(id, "reading", 0.02, null, 0, null);
            SourceData data = read(r, work);
            int total = data.features().size();
            jobs.progress(id, "validating", 0.3, total, 0, data.format());
            SourceCrs crs = r.options().get("crs") != null ? SourceCrs.parse(r.options().get("crs"))
                    : data.declaredCrs() != null ? data.declaredCrs() : SourceCrs.EPSG_4326;
            Map<String, String> defaults = new LinkedHashMap<>();
            if (r.options().get("scenario") != null) {
                defaults.put("scenario", r.options().get("scenario"));
            }
            boolean repair = Boolean.parseBoolean(r.options().getOrDefault("repair", "false"));
            RowValidator validator = new RowValidator(r.kind(),
                    new GeometryChecks(envelope, config), crs, repair, defaults,
                    config.maxReportedErrors());
            RowValidator.Outcome outcome = validator.validate(data, done ->
                    jobs.progress(id, "validating", 0.3 + 0.3 * done / Math.max(1, total), total, done, null));
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("rows", total);
            counts.put("crs", crs.label());
            counts.put("encoding", data.encoding());
            if (outcome.errorCount() > 0) {
                return fail(id, r, counts, errorMaps(outcome.errors()), outcome.errorCount(), outcome.repairs(),
                        outcome.ignoredColumns(), outcome.errorCount() + " row(s) break the rules; nothing was "
                                + "stored", problem(HttpStatus.UNPROCESSABLE_ENTITY, ProblemTypes.IMPORT_INVALID_ROWS,
                                "Invalid rows", outcome.errorCount() + " row(s) break the rules; nothing was stored"));
            }
            jobs.progress(id, "writing", 0.6, total, total, null);
            Map<String, Long> written;
            try {
                written = db.tx(c -> {
                    try {
                        Map<String, Long> w = new ImportRepository().write(c, r.kind(), outcome.rows(),
                                new ImportRepository.Limits(config.maxOutsideDistrictM(),
                                        config.minGridShareInCommunity(),
                                        config.maxReportedErrors()));
                        Map<String, Object> detail = new LinkedHashMap<>();
                        detail.put("kind", r.kind().apiName());
                        detail.put("file", r.fileName());
                        detail.put("format", data.format());
                        detail.putAll(w);
                        audit.record(c, r.actor(), r.role(), "IMPORT", "import_job", id.toString(), r.area(), detail,
                                null);
                        return w;
                    } catch (ImportRepository.ReferenceErrors e) {
                        throw new ReferenceFailure(e);
                    }
                });
            } catch (ReferenceFailure e) {
                List<RowValidator.RowError> errs = e.errors.errors;
                String msg = errs.size() + " row(s) do not fit the data already stored (references, buildings, "
                        + "communities, district); nothing was stored";
                return fail(id, r, counts, errorMaps(errs), errs.size(), outcome.repairs(), outcome.ignoredColumns(),
                        msg, problem(HttpStatus.UNPROCESSABLE_ENTITY, ProblemTypes.IMPORT_INVALID_ROWS, "Invalid rows",
                                msg));
            }
            counts.putAll(written);
            counts.put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
            jobs.finish(id, true, counts, List.of(), 0, outcome.repairs(), outcome.ignoredColumns(),
                    outcome.repairs().isEmpty() ? null : outcome.repairs().size() + " geometry(ies) repaired", null);
            LOG.info("import {} ({}, {}) succeeded: {}", id, r.kind().apiName(), r.fileName(), counts);
            return jobs.find(id).orElseThrow();
        } catch (ProblemException e) {
            Map<String, Object> p = problem(e.status(), e.type(), e.title(), e.detail());
            p.putAll(e.extensions());
            return fail(id, r, Map.of(), List.of(), 0, List.of(), List.of(), e.detail(), p);
        } catch (Throwable e) {
            String cid = UUID.randomUUID().toString();
            LOG.error("[{}] import {} failed unexpectedly", cid, id, e);
            return fail(id, r, Map.of(), List.of(), 0, List.of(), List.of(),
                    "the import failed unexpectedly (correlation id " + cid + "); nothing was stored",
                    problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "Internal error",
                            "the import failed unexpectedly (correlation id " + cid + "); nothing was stored"));
        } finally {
            deleteQuietly(work);
            deleteQuietly(r.file());
        }
    }

    private static final class ReferenceFailure extends RuntimeException {
        final ImportRepository.ReferenceErrors errors;

        ReferenceFailure(ImportRepository.ReferenceErrors errors) {
            super(null, null, false, false);
            this.errors = errors;
        }
    }

    /**
     * Marks the job FAILED with its problem. This must not fail itself: a job left RUNNING after its request has
     * answered would be watched forever. If the full record cannot be written, a minimal one is.
     */
    private ImportJob fail(UUID id, Request r, Map<String, Object> counts, List<Map<String, Object>> errors,
                           int errorCount, List<Map<String, Object>> repairs, List<String> ignored, String message,
                           Map<String, Object> problem) {
        String msg = Texts.excerpt(message, 2000);
        try {
            jobs.finish(id, false, counts, errors, errorCount, repairs, ignored, msg, problem);
        } catch (RuntimeException e) {
            String cid = UUID.randomUUID().toString();
            LOG.error("[{}] import {}: the failure could not be recorded in full", cid, id, e);
            msg = "the import failed (correlation id " + cid + "); nothing was stored";
            jobs.finish(id, false, Map.of(), List.of(), errorCount, List.of(), List.of(), msg,
                    problem(HttpStatus.valueOf(problem.get("status") instanceof Number n ? n.intValue() : 422),
                            String.valueOf(problem.get("type")), "Import failed", msg));
        }
        try {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("kind", r.kind().apiName());
            detail.put("file", r.fileName());
            detail.put("failed", msg);
            audit.record(r.actor(), r.role(), "IMPORT_FAILED", "import_job", id.toString(), r.area(), detail, null);
        } catch (RuntimeException e) {
            LOG.error("import {}: the audit entry of its failure could not be written", id, e);
        }
        return jobs.find(id).orElseThrow();
    }

    static Map<String, Object> problem(HttpStatus status, String type, String title, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("status", status.getCode());
        p.put("type", type);
        p.put("title", title);
        p.put("detail", detail);
        return p;
    }

    private static List<Map<String, Object>> errorMaps(List<RowValidator.RowError> errors) {
        List<Map<String, Object>> out = new ArrayList<>(errors.size());
        for (RowValidator.RowError e : errors) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("row", e.row());
            m.put("field", e.field());
            m.put("rule", e.rule());
            m.put("message", e.message());
            if (e.at() != null) {
                m.put("at", e.at());
            }
            out.add(m);
        }
        return out;
    }

    /** Recognises the format by content (not by name) and reads it. */
    private SourceData read(Request r, Path work) throws IOException {
        Format format = detect(r.file(), r.fileName());
        ImportConfig limits = config;
        return switch (format) {
            case GEOJSON -> new GeoJsonSource(limits).read(r.file());
            case GEOPACKAGE -> new GeoPackageSource().read(r.file(), r.options().get("layer"),
                    r.options().get("crs") != null);
            case SHAPEFILE_ZIP -> new ShapefileSource(limits).read(r.file(), work, r.options().get("layer"),
                    r.options().get("encoding"), Boolean.parseBoolean(r.options().getOrDefault("repair", "false")));
            case CSV -> new CsvSource().read(r.file(), r.options().get("encoding"), limits.maxFeatures());
        };
    }

    enum Format { GEOJSON, GEOPACKAGE, SHAPEFILE_ZIP, CSV }

    static Format detect(Path file, String name) throws IOException {
        byte[] head = new byte[64];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == 0) {
            throw ProblemException.of(ProblemTypes.IMPORT_EMPTY, "Empty file", "the uploaded file is empty");
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4
                || head[3] == 6)) {
            return Format.SHAPEFILE_ZIP;
        }
        if (n >= 16 && new String(head, 0, 15, StandardCharsets.US_ASCII).equals("SQLite format 3")) {
            return Format.GEOPACKAGE;
        }
        int k = 0;
        if (n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            k = 3;
        }
        while (k < n && Character.isWhitespace(head[k])) {
            k++;
        }
        String lower = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
        if (k < n && (head[k] == '{' || head[k] == '[')) {
            return Format.GEOJSON;
        }
        if (lower.endsWith(".gpkg") || lower.endsWith(".zip") || lower.endsWith(".geojson") || lower.endsWith(".json")) {
            throw GeoJsonSource.unreadable("the file is named '" + name + "' but its content is not that format "
                    + "(damaged or truncated?)");
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.IMPORT_FORMAT,
                        "Unsupported file format", "the file is not GeoJSON, GeoPackage, a zipped Shapefile or CSV");
            }
        }
        return Format.CSV;
    }

    private static void deleteQuietly(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(q -> {
                try {
                    Files.deleteIfExists(q);
                } catch (IOException ignored) {
                    // temp files; the OS cleans the temp dir eventually
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}

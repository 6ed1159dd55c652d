package org.gridmap.bench;

import io.micronaut.context.ApplicationContext;
import org.gridmap.coverage.CoverageService;
import org.gridmap.risk.RiskService;
import org.gridmap.sample.SampleLoader;
import org.gridmap.security.Caller;
import org.gridmap.security.Role;
import org.gridmap.support.Db;
import org.gridmap.sample.SampleConfig;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code ./gridmap bench coverage|risk}: measures gridmap against plain SQL doing the same job, in one run, on the
 * generator's large city, and writes a Markdown report to bench/results/. Medians of several runs after a warm-up.
 * Runs against its own database (the script points GRIDMAP_DB_URL at gridmap_bench).
 */
public final class Bench {
    static final String SYNTHETIC_COUNTY = "229901";
    private final ApplicationContext ctx;
    private final Db db;
    private final Path out;
    final StringBuilder report = new StringBuilder();

    public Bench(ApplicationContext ctx, Path out) {
        this.ctx = ctx;
        this.db = ctx.getBean(Db.class);
        this.out = out;
    }

    public int run(String what, int households) throws IOException {
        ensureCity(households);
        switch (what) {
            case "coverage" -> coverage();
            case "risk" -> risk();
            case "tiles" -> tiles();
            case "tickets" -> tickets();
            case "evacuation" -> evacuation();
            case "redistricting" -> new RedistrictingBench(this, ctx, db).run();
            default -> {
                System.err.println("unknown benchmark '" + what + "': coverage, risk, tiles, tickets, evacuation or "
                        + "redistricting");
                return 2;
            }
        }
        Files.createDirectories(out);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
        Path file = out.resolve(what + "-" + stamp + ".md");
        Files.writeString(file, report.toString());
        Files.writeString(out.resolve(what + ".md"), report.toString());
        System.out.println(report);
        System.out.println("报告 / report: " + file + " (and " + out.resolve(what + ".md") + ")");
        return 0;
    }

    private void ensureCity(int households) {
        SampleLoader loader = ctx.getBean(SampleLoader.class);
        SampleConfig s = ctx.getBean(SampleConfig.class);
        loader.load(s.seedOrDefault(), households, s.password(), m -> System.out.println("  " + m));
    }

    // ------------------------------------------------------------------------------------------------ coverage

    private void coverage() {
        CoverageService coverage = ctx.getBean(CoverageService.class);
        ensureSyntheticGrids(20_000);
        header("Coverage QA benchmark");
        report.append("| area | grids | gridmap median (ms) | gridmap runs (ms) | plain SQL median (ms) | ratio gridmap / SQL |\n")
                .append("|---|---|---|---|---|---|\n");
        for (String[] area : new String[][] {{"220802", "the sample district (generator's large city)"},
            {SYNTHETIC_COUNTY, "synthetic district (20,000 grids, 2% drawn defects)"}}) {
            long grids = scalar("SELECT count(*) FROM grid WHERE valid_to IS NULL AND grid_code LIKE '" + area[0] + "%'");
            coverage.analyze(area[0]); // warm-up
            long[] ours = times(5, () -> coverage.analyze(area[0]).report().elapsedMs());
            long[] sql = times(3, () -> timed(() -> plainSqlCoverage(area[0])));
            report.append(String.format("| %s %s | %,d | %d | %s | %d | %.2f |%n", area[0], area[1], grids, median(ours),
                    Arrays.toString(ours), median(sql), (double) median(ours) / median(sql)));
            var r = coverage.analyze(area[0]).report();
            report.append(String.format("|  ↳ findings | | %s | | | |%n", r.counts()));
        }
        report.append("""

            gridmap: `CoverageService.analyze` (server-side, what `GET /api/coverage` runs): loads communities and grids
            transformed to EPSG:4550, JTS CoverageValidator (gap width 0.5 m), CoverageUnion per community, differences,
            prepared relates for overlaps, plus the building, band and steward findings from SQL.
            Plain SQL: the same gap, overlap, outside-community, band and steward findings written directly in PostGIS
            (ST_Union + ST_Difference per community, a self-join with ST_Relate '2********' + ST_Intersection for
            overlaps, ST_Difference for outside parts, aggregates for bands and stewards). PostGIS 3.3 has no coverage
            validator, so the SQL side does less (no invalid-edge check).
            Targets (issue 3): ~2,000 grids ≤ 0.25 s; 20,000 grids ≤ 3 s.
            """);
    }

    /** Plain SQL doing the coverage job; returns the number of findings so nothing is optimised away. */
    private long plainSqlCoverage(String prefix) {
        String p = "'" + prefix + "%'";
        return scalar("""
            WITH c AS (SELECT code, geom FROM admin_area WHERE level = 'COMMUNITY' AND code LIKE %1$s),
            g AS (SELECT grid_code, community_code, geom FROM grid WHERE valid_to IS NULL AND grid_code LIKE %1$s),
            gaps AS (SELECT c.code, (ST_Dump(ST_Difference(c.geom, coalesce(ST_Union(g.geom), 'POLYGON EMPTY'::geometry)))).geom AS gm
                     FROM c LEFT JOIN g ON g.community_code = c.code GROUP BY c.code, c.geom),
            ovl AS (SELECT a.grid_code, b.grid_code AS other, ST_Intersection(a.geom, b.geom) AS gm
                         FROM g a JOIN g b ON a.grid_code < b.grid_code AND a.geom && b.geom
                         AND ST_Relate(a.geom, b.geom, '2********')),
            outside AS (SELECT g.grid_code, ST_Difference(g.geom, c.geom) AS gm FROM g JOIN c ON c.code = g.community_code
                        WHERE NOT ST_CoveredBy(g.geom, c.geom)),
            band AS (SELECT g.grid_code FROM g LEFT JOIN building b ON b.grid_code = g.grid_code
                     LEFT JOIN household h ON h.building_id = b.id GROUP BY g.grid_code HAVING count(h.id) NOT BETWEEN 300 AND 500),
            stew AS (SELECT g.grid_code FROM g WHERE NOT EXISTS (SELECT 1 FROM steward s WHERE s.grid_code = g.grid_code
                     AND s.role = 'GRID_CHIEF'))
            SELECT (SELECT count(*) FROM gaps WHERE ST_Area(ST_Transform(gm, 4550)) > 1)
                 + (SELECT count(*) FROM ovl WHERE ST_Area(ST_Transform(gm, 4550)) > 1)
                 + (SELECT count(*) FROM outside WHERE ST_Area(ST_Transform(gm, 4550)) > 1)
                 + (SELECT count(*) FROM band) + (SELECT count(*) FROM stew)
            """.formatted(p));
    }

    /**
     * A synthetic district of 200 communities × 100 grids (100 m squares) south-west of the city, with about 2% of
     * grids drawn wrong (shifted 3 m: a gap on one side, an overlap on the other).
     */
    private void ensureSyntheticGrids(int grids) {
        if (scalar("SELECT count(*) FROM grid WHERE grid_code LIKE '" + SYNTHETIC_COUNTY + "%'") >= grids) {
            return;
        }
        System.out.println("  building a synthetic district of " + grids + " grids for the coverage benchmark …");
        db.tx(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO admin_area (code, name, level, parent_code) VALUES ('" + SYNTHETIC_COUNTY
                        + "', '合成基准区', 'COUNTY', NULL), ('" + SYNTHETIC_COUNTY + "001', '合成街道', 'STREET', '"
                        + SYNTHETIC_COUNTY + "') ON CONFLICT DO NOTHING");
                // 200 communities in a 20 × 10 block, each 1 km × 1 km in EPSG:4550, south-west of the city.
                st.execute("""
                    INSERT INTO admin_area (code, name, level, parent_code, geom)
                    SELECT '%1$s001' || lpad(k::text, 3, '0'), '合成社区' || k, 'COMMUNITY', '%1$s001',
                           ST_Multi(ST_Transform(ST_MakeEnvelope(x0, y0, x0 + 1000, y0 + 1000, 4550), 4326))
                    FROM (SELECT k, 470000 + ((k - 1) %% 20) * 1000 AS x0, 5000000 + ((k - 1) / 20) * 1000 AS y0
                          FROM generate_series(1, 200) k) s
                    ON CONFLICT DO NOTHING""".formatted(SYNTHETIC_COUNTY));
                st.execute("""
                    INSERT INTO grid (grid_code, name, community_code, geom)
                    SELECT '%1$s001' || lpad(k::text, 3, '0') || lpad(j::text, 3, '0'), '合成网格', '%1$s001' || lpad(k::text, 3, '0'),
                           ST_Multi(ST_Transform(ST_MakeEnvelope(x, y, x + 100, y + 100, 4550), 4326))
                    FROM (SELECT k, j,
                                 470000 + ((k - 1) %% 20) * 1000 + ((j - 1) %% 10) * 100
                                   + CASE WHEN (k * 131 + j * 17) %% 50 = 0 THEN 3 ELSE 0 END AS x,
                                 5000000 + ((k - 1) / 20) * 1000 + ((j - 1) / 10) * 100 AS y
                          FROM generate_series(1, 200) k, generate_series(1, 100) j) s""".formatted(SYNTHETIC_COUNTY));
            }
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------------ risk

    private void risk() {
        RiskService risk = ctx.getBean(RiskService.class);
        Caller bench = new Caller("bench", Role.ADMIN, "");
        long households = scalar("SELECT count(*) FROM household");
        long buildings = scalar("SELECT count(*) FROM building");
        header("四色 classification benchmark");
        report.append(String.format("Data: %,d households in %,d buildings (the generator's large city), scenario R50 "
                + "(%d depth zones).%n%n", households, buildings, scalar("SELECT count(*) FROM flood_zone z JOIN "
                + "flood_scenario s ON s.id = z.scenario_id WHERE s.code = 'R50'")));
        long[] ours = times(3, () -> {
            long t0 = System.nanoTime();
            RiskService.Run r = risk.startRun(bench, "R50").done().join();
            if (!r.status().equals("SUCCEEDED")) {
                throw new IllegalStateException("run failed: " + r.message());
            }
            return (System.nanoTime() - t0) / 1_000_000;
        });
        long[] naive = times(1, () -> timed(() -> plainSqlRisk(false)));
        long[] tuned = times(3, () -> timed(() -> plainSqlRisk(true)));
        report.append("| job | median (ms) | runs (ms) | ratio to gridmap |\n|---|---|---|---|\n");
        report.append(String.format("| gridmap full run (start → committed, inputs + per-area counts) | %d | %s | 1.00 |%n",
                median(ours), Arrays.toString(ours)));
        report.append(String.format("| plain SQL, naive (households × zones, no subdivision) into a table | %d | %s | %.2f |%n",
                median(naive), Arrays.toString(naive), (double) median(naive) / median(ours)));
        report.append(String.format("| plain SQL, tuned (ST_Subdivide) into a table | %d | %s | %.2f |%n",
                median(tuned), Arrays.toString(tuned), (double) median(tuned) / median(ours)));
        long[] incremental = incremental();
        report.append(String.format("| incremental: one building's grade changes (trigger re-classifies it, its grid) | %d "
                + "| %s | |%n", median(incremental), Arrays.toString(incremental)));
        report.append("""

            gridmap: `RiskService` run: building inputs from `gm_risk_building_inputs` (subdivided zones, planar distances in
            EPSG:4550), worst rule per building and counts per grid from `gm_risk_aggregate`, made current in the same
            transaction. Households' colours are derived from the stored building inputs by `gm_risk_rule`.
            Plain SQL: every household's colour written to a table by one INSERT … SELECT with the rule inline (the naive
            one intersects whole zone polygons; the tuned one subdivides them first).
            Targets (issue 3): 1,000,000 households ≤ 2 s; one building's change ≤ 50 ms.
            """);
    }

    private long[] incremental() {
        List<Long> ids = new ArrayList<>();
        db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT b.id FROM building b JOIN "
                    + "risk_building rb ON rb.building_id = b.id JOIN risk_current rc ON rc.run_id = rb.run_id "
                    + "WHERE b.households > 0 ORDER BY b.id LIMIT 21")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return null;
        });
        long[] t = new long[ids.size()];
        for (int k = 0; k < ids.size(); k++) {
            long id = ids.get(k);
            t[k] = timed(() -> db.tx(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE building SET safety_grade = CASE WHEN "
                        + "safety_grade = 'D' THEN 'B' ELSE 'D' END WHERE id = ?")) {
                    ps.setLong(1, id);
                    return (long) ps.executeUpdate();
                }
            }));
        }
        return Arrays.copyOfRange(t, 1, t.length);
    }

    private long plainSqlRisk(boolean subdivide) {
        return db.tx(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL work_mem = '128MB'");
                st.execute("DROP TABLE IF EXISTS bench_naive_result");
                String zones = subdivide
                        ? "(SELECT depth_m, zone_kind, ST_Subdivide(geom, 96) AS geom FROM flood_zone WHERE scenario_id = s.id)"
                        : "(SELECT depth_m, zone_kind, geom FROM flood_zone WHERE scenario_id = s.id)";
                st.execute("""
                    CREATE TEMP TABLE bench_naive_result ON COMMIT DROP AS
                    WITH s AS (SELECT id FROM flood_scenario WHERE code = 'R50'),
                    z AS MATERIALIZED %s,
                    bi AS (SELECT b.id, max(z.depth_m) AS d, bool_or(z.zone_kind IN ('FLOODWAY', 'DETENTION')) AS deep
                           FROM building b JOIN z ON ST_Intersects(b.geom, z.geom) GROUP BY b.id)
                    SELECT h.id,
                           CASE WHEN bi.d IS NULL THEN 'GREEN'
                                WHEN (CASE WHEN h.floor = 0 THEN bi.d + 2.5 ELSE bi.d - (h.floor - 1) * 3.0 END) >= 0.5
                                     OR h.floor = 0 OR b.safety_grade IN ('C', 'D') OR bi.deep THEN 'RED'
                                WHEN (CASE WHEN h.floor = 0 THEN bi.d + 2.5 ELSE bi.d - (h.floor - 1) * 3.0 END) > 0.15 THEN 'ORANGE'
                                ELSE 'YELLOW' END AS colour
                    FROM household h JOIN building b ON b.id = h.building_id LEFT JOIN bi ON bi.id = b.id
                    CROSS JOIN s""".formatted(zones.replace("s.id", "(SELECT id FROM flood_scenario WHERE code = 'R50')")));
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM bench_naive_result")) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ tiles

    private void tiles() {
        var layers = ctx.getBean(org.gridmap.layer.LayerCatalog.class);
        var tileService = ctx.getBean(org.gridmap.layer.TileService.class);
        var risk = ctx.getBean(RiskService.class);
        if (risk.scenario("R50").currentRunId() == null) {
            risk.startRun(new Caller("bench", Role.ADMIN, ""), "R50").done().join();
        }
        var server = ctx.getBean(io.micronaut.runtime.server.EmbeddedServer.class);
        server.start();
        String base = "http://127.0.0.1:" + server.getPort();
        double lon = 122.84;
        double lat = 45.62;
        List<int[]> tiles = new ArrayList<>();
        for (int z = 12; z <= 16; z++) {
            int n = 1 << z;
            int x = (int) ((lon + 180) / 360 * n);
            int y = (int) ((1 - Math.log(Math.tan(Math.toRadians(lat)) + 1 / Math.cos(Math.toRadians(lat))) / Math.PI) / 2 * n);
            for (int[] d : new int[][] {{0, 0}, {1, 0}, {0, 1}, {-1, 0}, {0, -1}}) {
                tiles.add(new int[] {z, x + d[0], y + d[1]});
            }
        }
        header("Vector tile benchmark");
        report.append(String.format("Data: %,d buildings, %,d grids; layers `grid_risk` (public) and `buildings` (scenario R50); "
                + "%d tiles (the centre tile and its 4 neighbours at z12–z16).%n%n", scalar("SELECT count(*) FROM building"),
                scalar("SELECT count(*) FROM grid WHERE valid_to IS NULL"), tiles.size()));
        report.append("| layer | zoom | cold endpoint median (ms) | raw ST_AsMVT median (ms) | ratio | bytes (median) |\n")
                .append("|---|---|---|---|---|---|\n");
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        String token = loginToken(http, base);
        for (String id : List.of("grid_risk", "buildings")) {
            org.gridmap.layer.Layer layer = layers.find(id).orElseThrow();
            for (int z = 12; z <= 16; z++) {
                if (z < layer.minZoom()) {
                    continue;
                }
                List<Long> ours = new ArrayList<>();
                List<Long> raw = new ArrayList<>();
                List<Long> sizes = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    for (int[] t : tiles) {
                        if (t[0] != z) {
                            continue;
                        }
                        invalidateTiles();
                        String url = base + "/tiles/" + id + "/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt?scenario=R50";
                        long t0 = System.nanoTime();
                        long size = get(http, url, token);
                        ours.add((System.nanoTime() - t0) / 1000);
                        sizes.add(size);
                        long t1 = System.nanoTime();
                        rawTile(layer, t);
                        raw.add((System.nanoTime() - t1) / 1000);
                    }
                }
                long a = median(ours.stream().mapToLong(Long::longValue).toArray());
                long b = median(raw.stream().mapToLong(Long::longValue).toArray());
                report.append(String.format("| %s | %d | %.1f | %.1f | %.2f | %d |%n", id, z, a / 1000.0, b / 1000.0,
                        (double) a / b, median(sizes.stream().mapToLong(Long::longValue).toArray())));
            }
        }
        long floor = median(times(30, () -> {
            long t0 = System.nanoTime();
            get(http, base + "/health", null);
            return (System.nanoTime() - t0) / 1000;
        }));
        report.append(String.format("%nHTTP floor: `GET /health` takes %.1f ms (median of 30) on the same client: the "
                + "framework's fixed cost per request, which a light tile's ratio cannot get under.%n", floor / 1000.0));
        int[] t = tiles.get(10); // z14 centre
        String cachedUrl = base + "/tiles/grid_risk/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt?scenario=R50";
        get(http, cachedUrl, null);
        report.append("\nCached tiles with wrk (8 connections, 2 threads, 10 s, loopback), one z14 `grid_risk` tile:\n\n```\n")
                .append(wrk(cachedUrl)).append("```\n");
        report.append("""

            Cold: the tile cache is emptied before each request; the endpoint time is measured by an HTTP client on the
            same machine (request, auth, data-version check, ST_AsMVT, response). Raw: the same ST_AsMVT query on the
            database over JDBC. Targets (issue 4): cold ≤ 1.15× raw SQL; cached ≥ 2,000 tiles/s; first paint of the
            web map ≤ 2 s.
            """);
        firstPaint(base, token, tileService);
        server.stop();
    }

    // ------------------------------------------------------------------------------------------------ tickets

    private void tickets() {
        var server = ctx.getBean(io.micronaut.runtime.server.EmbeddedServer.class);
        server.start();
        String base = "http://127.0.0.1:" + server.getPort();
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).executor(java.util.concurrent.Executors.newFixedThreadPool(4))
                .build();
        String token = loginToken(http, base);
        header("Ticket benchmark");
        double[] box = new double[4];
        db.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), "
                    + "ST_YMax(e) FROM (SELECT ST_Extent(geom) e FROM grid WHERE valid_to IS NULL AND grid_code LIKE "
                    + "'220802%') x")) {
                rs.next();
                for (int k = 0; k < 4; k++) {
                    box[k] = rs.getDouble(k + 1);
                }
            }
            return null;
        });
        java.util.Random random = new java.util.Random(7);

        // 1. Filing: routing + duplicate check + insert + event + idempotency record, durable commit, 16 clients.
        int clients = 16;
        int perClient = 250;
        long[] latencies = new long[clients * perClient];
        java.util.concurrent.atomic.AtomicInteger slot = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long seed = c;
            jobs.add(pool.submit(() -> {
                java.util.Random r = new java.util.Random(seed);
                for (int k = 0; k < perClient; k++) {
                    double x = box[0] + r.nextDouble() * (box[2] - box[0]);
                    double y = box[1] + r.nextDouble() * (box[3] - box[1]);
                    String body = "{\"source\":\"HOTLINE_12345\",\"category\":\"CITY\",\"description\":\"bench\","
                            + "\"lon\":" + x + ",\"lat\":" + y + "}";
                    long a = System.nanoTime();
                    try {
                        var resp = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/tickets"))
                                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding());
                        if (resp.statusCode() != 201) {
                            throw new IllegalStateException("POST /api/tickets answered " + resp.statusCode());
                        }
                    } catch (java.io.IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    latencies[slot.getAndIncrement()] = System.nanoTime() - a;
                }
                return null;
            }));
        }
        for (var j : jobs) {
            try {
                j.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        java.util.Arrays.sort(latencies);
        int n = latencies.length;
        report.append(String.format("## Filing (POST /api/tickets)%n%n%,d tickets from %d concurrent HTTP clients in %.1f s: "
                + "**%.0f tickets/s**, latency p50 %.1f ms, p99 **%.1f ms** (targets ≥ 500 tickets/s, p99 ≤ 100 ms). Each "
                + "request: JWT check, routing to the containing or nearest grid (PostGIS), duplicate search, insert, "
                + "CREATE event, idempotency record, synchronous commit (synchronous_commit = %s).%n%n", n, clients,
                seconds, n / seconds, latencies[n / 2] / 1e6, latencies[(int) (n * 0.99)] / 1e6,
                scalarText("SHOW synchronous_commit")));

        // 2. Point → grid lookups on one thread: JTS STRtree + prepared polygons vs the database's ST_Contains.
        List<Object[]> gridsList = new ArrayList<>();
        db.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery(
                    "SELECT grid_code, ST_AsEWKB(geom) FROM grid WHERE valid_to IS NULL")) {
                while (rs.next()) {
                    gridsList.add(new Object[] {rs.getString(1), org.gridmap.support.Wkb.read(rs.getBytes(2))});
                }
            }
            return null;
        });
        var tree = new org.locationtech.jts.index.strtree.STRtree();
        for (Object[] g : gridsList) {
            var geom = (org.locationtech.jts.geom.Geometry) g[1];
            tree.insert(geom.getEnvelopeInternal(), new Object[] {g[0],
                org.locationtech.jts.geom.prep.PreparedGeometryFactory.prepare(geom)});
        }
        tree.build();
        var gf = org.gridmap.support.Wkb.WGS84;
        int lookups = 2_000_000;
        double[] xs = new double[lookups];
        double[] ys = new double[lookups];
        for (int k = 0; k < lookups; k++) {
            xs[k] = box[0] + random.nextDouble() * (box[2] - box[0]);
            ys[k] = box[1] + random.nextDouble() * (box[3] - box[1]);
        }
        long found = 0;
        long rounds[] = new long[3];
        for (int round = 0; round < 4; round++) {
            long a = System.nanoTime();
            found = 0;
            for (int k = 0; k < lookups; k++) {
                var pt = gf.createPoint(new org.locationtech.jts.geom.Coordinate(xs[k], ys[k]));
                for (Object o : tree.query(pt.getEnvelopeInternal())) {
                    Object[] e = (Object[]) o;
                    if (((org.locationtech.jts.geom.prep.PreparedGeometry) e[1]).contains(pt)) {
                        found++;
                        break;
                    }
                }
            }
            if (round > 0) {
                rounds[round - 1] = System.nanoTime() - a;
            }
        }
        long jtsNs = median(rounds);
        int sqlLookups = 5_000;
        long sqlNs = db.read(c -> {
            try (var ps = c.prepareStatement("SELECT grid_code FROM grid WHERE valid_to IS NULL AND "
                    + "ST_Contains(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) LIMIT 1")) {
                long a = System.nanoTime();
                for (int k = 0; k < sqlLookups; k++) {
                    ps.setDouble(1, xs[k]);
                    ps.setDouble(2, ys[k]);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                    }
                }
                return System.nanoTime() - a;
            }
        });
        report.append(String.format("## Point → grid, one thread%n%n%,d current grids. JTS `STRtree` of prepared polygons: "
                + "**%,.0f lookups/s** (%,d random points in the district's extent, median of 3 rounds after a warm-up; "
                + "%.1f%% fell inside a grid; target ≥ 1,000,000/s). The same lookup as a PostGIS query over JDBC: "
                + "%,.0f lookups/s (ratio %.0f×).%n%n", gridsList.size(), lookups / (jtsNs / 1e9), lookups,
                100.0 * found / lookups, sqlLookups / (sqlNs / 1e9), (lookups / (jtsNs / 1e9)) / (sqlLookups / (sqlNs / 1e9))));
        report.append("Filing routes in PostGIS (it also needs the distance to the grid's edge in metres and the "
                + "nearest grid for points outside); the JTS index is what a bulk router would use. It is not yet wired "
                + "into the filing path, so it is not yet kept in step with grid edits.\n\n");

        // 3. The map's lookup by bounding box over 1,000,000 tickets.
        long have = scalar("SELECT count(*) FROM ticket");
        long districtGrids = scalar("SELECT count(*) FROM grid WHERE valid_to IS NULL AND grid_code LIKE '220802%'");
        if (have < 1_000_000) {
            System.out.println("bench: adding " + (1_000_000 - have) + " tickets …");
            db.tx(c -> {
                try (var st = c.createStatement()) {
                    st.execute("ALTER TABLE ticket DISABLE TRIGGER ticket_notify");
                    st.execute("INSERT INTO ticket (number, source, category_code, description, geom, grid_code, "
                            + "community_code, street_code, district_code, routing, boundary_m, needs_confirmation, "
                            + "department, due_at, created_by, created_at, status) "
                            + "SELECT 'B-' || lpad(nextval('ticket_number_seq')::text, 9, '0'), 'PATROL', 'CITY', 'bench', "
                            + "g.p, g.grid_code, g.community_code, substr(g.community_code, 1, 9), '220802', 'INSIDE', 10, "
                            + "false, 'bench', now() + interval '2 days', 'bench', now() - random() * interval '365 days', "
                            + "(ARRAY['PENDING','DISPATCHED','IN_PROGRESS','RESOLVED','CLOSED'])[1 + (random() * 4)::int] "
                            + "FROM (SELECT gr.grid_code, gr.community_code, (ST_Dump(ST_GeneratePoints(gr.geom, "
                            + ((1_000_000 - have) / districtGrids + 1) + "))).geom AS p FROM grid gr "
                            + "WHERE gr.valid_to IS NULL AND gr.grid_code LIKE '220802%') g "
                            + "LIMIT " + (1_000_000 - have));
                    st.execute("ALTER TABLE ticket ENABLE TRIGGER ticket_notify");
                }
                return null;
            });
            db.read(c -> {
                try (var st = c.createStatement()) {
                    st.execute("ANALYZE ticket");
                }
                return null;
            });
        }
        long total = scalar("SELECT count(*) FROM ticket");
        List<Long> bboxTimes = new ArrayList<>();
        List<Long> returned = new ArrayList<>();
        double w = 0.01;
        double h = 0.006;
        for (int k = 0; k < 60; k++) {
            double x = box[0] + random.nextDouble() * (box[2] - box[0] - w);
            double y = box[1] + random.nextDouble() * (box[3] - box[1] - h);
            String url = base + "/api/tickets?size=1000&status=PENDING,DISPATCHED,IN_PROGRESS,RETURNED,REOPENED&bbox="
                    + x + "," + y + "," + (x + w) + "," + (y + h);
            long a = System.nanoTime();
            try {
                var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                        .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                if (k >= 10) {
                    bboxTimes.add((System.nanoTime() - a) / 1000);
                    returned.add((long) r.body().split("\"number\"").length - 1);
                }
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        report.append(String.format("## Map lookup by bounding box%n%n%,d tickets in the database. `GET /api/tickets?bbox=…"
                + "&status=<open>&size=1000` over a %.0f × %.0f m view (about a z15 screen), 50 random views after 10 "
                + "warm-ups: p50 **%.1f ms** (target ≤ 50 ms), max %.1f ms; median %d open tickets returned per view.%n",
                total, w * 78_000, h * 111_000,
                median(bboxTimes.stream().mapToLong(Long::longValue).toArray()) / 1000.0,
                bboxTimes.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0,
                median(returned.stream().mapToLong(Long::longValue).toArray())));
        server.stop();
    }

    private String scalarText(String sql) {
        return db.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    /**
     * First paint of the web map in headless Chromium, driven through chromedriver's W3C WebDriver HTTP API (no
     * client library needed): a fresh browser profile each round (nothing in the browser's cache), logged in as
     * the district office, district view, default layers on. Nothing in the page is there for the benchmark: first
     * paint is the end of the last initial tile or feature response (Resource Timing, once no new one has started for
     * 700 ms; drawing follows within a frame), and the counts are timed when the must-move figure first shows (the
     * benchmark polls every 50 ms).
     */
    private void firstPaint(String base, String token, org.gridmap.layer.TileService tileService) {
        report.append("\nFirst paint of the web map (headless Chromium, fresh profile per load, 1400×900, district "
                + "view at z13, all default layers on: flood zones, grids by colour, areas, rivers, shelters; the "
                + "district's counts in the side panel):\n\n");
        if (!new java.io.File("/usr/bin/chromedriver").canExecute() || !new java.io.File("/usr/bin/chromium").canExecute()) {
            report.append("not measured: chromium and chromium-driver are not installed (./gridmap bench tiles installs "
                    + "them)\n");
            return;
        }
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Process driver;
        try {
            driver = new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String wd = "http://127.0.0.1:" + port;
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        try {
            waitFor(() -> webDriver(http, "GET", wd + "/status", null).contains("\"ready\":true"), 20_000);
            report.append("| load | server tile cache | first paint (ms) | counts shown (ms) |\n|---|---|---|---|\n");
            List<Long> cold = new ArrayList<>();
            List<Long> warm = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                boolean clearCache = round % 2 == 0;
                if (clearCache) {
                    invalidateTiles();
                }
                java.nio.file.Path profile = java.nio.file.Files.createTempDirectory("gridmap-bench-chromium-");
                String caps = "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\",\"goog:chromeOptions\":{"
                        + "\"binary\":\"/usr/bin/chromium\",\"args\":[\"--headless=new\",\"--no-sandbox\","
                        + "\"--disable-gpu\",\"--disable-dev-shm-usage\",\"--no-first-run\",\"--window-size=1400,900\","
                        + "\"--disable-background-networking\",\"--user-data-dir=" + profile + "\"]}}}}";
                String session = webDriver(http, "POST", wd + "/session", caps)
                        .replaceAll("(?s).*\"sessionId\":\"([^\"]+)\".*", "$1");
                String sess = wd + "/session/" + session;
                try {
                    webDriver(http, "POST", sess + "/url", "{\"url\":\"" + base + "/config.json\"}");
                    webDriver(http, "POST", sess + "/execute/sync", "{\"script\":\"sessionStorage.setItem("
                            + "'gridmap.token', arguments[0])\",\"args\":[\"" + token + "\"]}");
                    webDriver(http, "POST", sess + "/url", "{\"url\":\"" + base + "/\"}");
                    long[] at = new long[2];
                    waitFor(() -> {
                        String v = webDriver(http, "POST", sess + "/execute/sync", "{\"script\":"
                                + quote(FIRST_PAINT_PROBE) + ",\"args\":[]}");
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"value\":\"(\\d+),(\\d+)\"")
                                .matcher(v);
                        if (m.find()) {
                            at[0] = Long.parseLong(m.group(1));
                            at[1] = Long.parseLong(m.group(2));
                            return true;
                        }
                        return false;
                    }, 60_000);
                    (clearCache ? cold : warm).add(Math.max(at[0], at[1]));
                    report.append(String.format("| %d | %s | %d | %d |%n", round + 1, clearCache ? "emptied" : "warm",
                            at[0], at[1]));
                } finally {
                    webDriver(http, "DELETE", sess, null);
                }
            }
            report.append(String.format("%nMedian, everything on screen: %d ms with the server's tile cache emptied, "
                    + "%d ms with it warm (target ≤ 2,000 ms). Times are from the start of navigation (after login).%n",
                    median(cold.stream().mapToLong(Long::longValue).toArray()),
                    median(warm.stream().mapToLong(Long::longValue).toArray())));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            driver.destroy();
        }
    }

    /** Run in the page by the benchmark: the two times once the first screen has settled, else null. */
    static final String FIRST_PAINT_PROBE = String.join("\n",
            "const mm = document.getElementById('must-move');",
            "if (mm && mm.textContent && !window.__benchCounts) window.__benchCounts = performance.now();",
            "const r = performance.getEntriesByType('resource').filter(e => /\\.mvt|\\/ogc\\/collections\\//.test(e.name));",
            "const last = r.reduce((m, e) => Math.max(m, e.responseEnd), 0);",
            "if (window.__benchN !== r.length) { window.__benchN = r.length; window.__benchSince = performance.now(); }",
            "return window.__benchCounts && r.length > 0 && performance.now() - window.__benchSince > 700",
            "    ? Math.round(last) + ',' + Math.round(window.__benchCounts) : null;");

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Every layer's version moves on, so the next request of every tile is a cold one. */
    private void invalidateTiles() {
        db.tx(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("UPDATE data_version SET version = version + 1");
            }
        });
    }

    private static String webDriver(java.net.http.HttpClient http, String method, String url, String json) {
        try {
            var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                            : java.net.http.HttpRequest.BodyPublishers.ofString(json))
                    .header("Content-Type", "application/json");
            return http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier done, long timeoutMs) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out after " + timeoutMs + " ms");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private String loginToken(java.net.http.HttpClient http, String base) {
        try {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"admin\",\"password\":\"" + ctx.getBean(SampleConfig.class).password() + "\"}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return r.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long get(java.net.http.HttpClient http, String url, String token) {
        try {
            var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET();
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            var r = http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200 && r.statusCode() != 204) {
                throw new IllegalStateException(url + " answered " + r.statusCode());
            }
            return r.body().length;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The same ST_AsMVT query straight on the database: no HTTP, no token, no cache. */
    private void rawTile(org.gridmap.layer.Layer layer, int[] t) {
        ctx.getBean(org.gridmap.layer.TileService.class).render(layer, t[0], t[1], t[2], "R50", "%");
    }

    private static String wrk(String url) {
        try {
            Process p = new ProcessBuilder("wrk", "-t2", "-c8", "-d10s", "--latency", url).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out;
        } catch (java.io.IOException e) {
            return "wrk is not installed (Debian package wrk): " + e.getMessage() + "\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted\n";
        }
    }

    // ------------------------------------------------------------------------------------------------ evacuation

    /** One must-move household or shelter as the allocator takes it, read with the service's own SQL files. */
    private record Inputs(List<org.gridmap.evacuation.Allocator.Household> households,
                          List<org.gridmap.evacuation.Allocator.Shelter> shelters) {}

    private void evacuation() {
        RiskService risk = ctx.getBean(RiskService.class);
        org.gridmap.evacuation.EvacuationService evacuation = ctx.getBean(org.gridmap.evacuation.EvacuationService.class);
        org.gridmap.evacuation.EvacuationConfig config = ctx.getBean(org.gridmap.evacuation.EvacuationConfig.class);
        Caller bench = new Caller("bench", Role.ADMIN, "");
        RiskService.Scenario r50 = risk.scenario("R50");
        if (r50.currentRunId() == null) {
            risk.startRun(bench, "R50").done().join();
            r50 = risk.scenario("R50");
        }
        String district = db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT code FROM admin_area WHERE level = 'COUNTY' ORDER BY code LIMIT 1")) {
                rs.next();
                return rs.getString(1);
            }
        });
        header("Evacuation (转移) allocation benchmark");
        Inputs in = inputs(r50, config);
        long people = in.households().stream().mapToLong(org.gridmap.evacuation.Allocator.Household::members).sum();
        long capacity = in.shelters().stream().mapToLong(org.gridmap.evacuation.Allocator.Shelter::remaining).sum();
        org.gridmap.routing.RoadNetwork roads = ctx.getBean(org.gridmap.routing.RoadNetwork.class);
        org.gridmap.routing.RoutingConfig routing = ctx.getBean(org.gridmap.routing.RoutingConfig.class);
        long buildT0 = System.nanoTime();
        boolean usable = roads.usable();   // builds the network from table road the first time
        long buildMs = (System.nanoTime() - buildT0) / 1_000_000;
        List<Long> buildingIds = in.households().stream().map(org.gridmap.evacuation.Allocator.Household::building)
                .distinct().toList();
        List<Long> shelterIds = in.shelters().stream().map(org.gridmap.evacuation.Allocator.Shelter::id).toList();
        long scenarioId = r50.id();
        org.gridmap.routing.RoadNetwork.Matrix[] matrix = new org.gridmap.routing.RoadNetwork.Matrix[1];
        long[] matrixMs = usable ? times(3, () -> timed(() -> {
            matrix[0] = roads.matrix(scenarioId, buildingIds, shelterIds, in.shelters().stream()
                    .filter(org.gridmap.evacuation.Allocator.Shelter::accessible)
                    .map(org.gridmap.evacuation.Allocator.Shelter::id).toList()).orElseThrow();
            return 0;
        })) : new long[0];
        org.gridmap.evacuation.Allocator.Cost cost = matrix[0] == null ? org.gridmap.evacuation.Allocator.STRAIGHT_LINE
                : (h, sh) -> matrix[0].metres(h.building(), sh.id());
        report.append(String.format("Data: the generator's city with %,d households, scenario R50 at warning level I: "
                + "%,d must-move households (%,d people) in %,d buildings and %,d shelters taking households (%,d places; "
                + "shelters in water deeper than %.1f m excluded). Distances: %s.%n%n",
                scalar("SELECT count(*) FROM household"), in.households().size(), people, buildingIds.size(),
                in.shelters().size(), capacity, config.shelterMaxDepthM(), usable
                ? String.format("by road (pgRouting over %,d road edges, %,d of them avoided as inside R50 water deeper "
                        + "than %.1f m; cutoff %,.0f m)", scalar("SELECT count(*) FROM road_edge"),
                        matrix[0].floodedEdges(), routing.maxDepthM(), routing.cutoffM())
                : "straight lines (no pgRouting here)"));

        // 1. The allocator alone: min-cost flow per tier against greedy nearest-with-capacity, same inputs.
        org.gridmap.evacuation.Allocator allocator = new org.gridmap.evacuation.Allocator(config.candidateShelters(),
                cost);
        org.gridmap.evacuation.Allocator.Result[] last = new org.gridmap.evacuation.Allocator.Result[1];
        long[] flow = times(3, () -> timed(() -> {
            last[0] = allocator.allocate(in.households(), in.shelters());
            return 0;
        }));
        double[] greedyFigures = new double[2];
        long[] greedy = times(3, () -> timed(() -> {
            double[] g = greedy(in, cost);
            greedyFigures[0] = g[0];
            greedyFigures[1] = g[1];
            return 0;
        }));
        double km = 0;
        long placed = 0;
        double lb = 0;
        long lbPeople = 0;
        for (org.gridmap.evacuation.Allocator.TierFigures t : last[0].tiers()) {
            km += t.personMetres() / 1000;
            placed += t.placedPeople();
            lb += t.lowerBoundPersonMetres() / 1000;
            lbPeople += t.lowerBoundPeople();
        }
        report.append("| job | median (ms) | runs (ms) | people placed | person-km | vs lower bound |\n|---|---|---|---|---|---|\n");
        if (usable) {
            report.append(String.format("| road network built from table road (once; rebuilt when roads change) | %d | | | | |%n",
                    buildMs));
            report.append(String.format("| road cost matrix: pgr_drivingDistance outward from %,d shelters to %,d "
                    + "buildings' road vertices | %d | %s | | | |%n", shelterIds.size(), buildingIds.size(),
                    median(matrixMs), Arrays.toString(matrixMs)));
        }
        String versus = placed == lbPeople && lb > 0 ? String.format("%+.2f%%", 100 * (km - lb) / lb)
                : String.format("— (the bound places %,d people, the plan %,d)", lbPeople, placed);
        report.append(String.format("| gridmap Allocator (OR-Tools min-cost flow per tier, whole households) | %d | %s "
                + "| %,d | %,.1f | %s |%n", median(flow), Arrays.toString(flow), placed, km, versus));
        report.append(String.format("| lower bound: the flow's relaxation (households divisible), %s | | | %,d | %,.1f | |%n",
                last[0].allShelterArcs() ? "all eligible shelters" : config.candidateShelters() + " nearest shelters per building",
                lbPeople, lb));
        report.append(String.format("| greedy nearest shelter with room, red → orange → yellow | %d | %s | %,d | %,.1f | "
                + "plan / greedy: %.3f |%n", median(greedy), Arrays.toString(greedy), (long) greedyFigures[0],
                greedyFigures[1], greedyFigures[1] > 0 ? km / greedyFigures[1] : 0));

        // 2. End to end through the service: flood mode → plan job (read, allocate, cadres, write) → SUCCEEDED.
        long[] endToEnd = times(2, () -> timed(() -> {
            for (org.gridmap.evacuation.EvacuationService.Evacuation e : evacuation.evacuations(bench)) {
                evacuation.end(bench, e.id());
            }
            org.gridmap.evacuation.EvacuationService.Plan p = evacuation.switchOn(bench, district, "R50", "I").done().join();
            if (!p.status().equals("SUCCEEDED")) {
                throw new IllegalStateException("plan failed: " + p.message());
            }
            return 0;
        }));
        // The last plan's own timing of its phases (milliseconds): allocation end to end is read + roads + allocation.
        String phases = "FROM transfer_plan WHERE kind = 'PLAN' AND status = 'SUCCEEDED' ORDER BY id DESC LIMIT 1";
        long readMs = scalar("SELECT round(1000 * (counts->>'seconds_read')::float8) " + phases);
        long roadsMs = scalar("SELECT round(1000 * (counts->>'seconds_routes')::float8) " + phases);
        long allocMs = scalar("SELECT round(1000 * (counts->>'seconds_allocate')::float8) " + phases);
        long cadresMs = scalar("SELECT round(1000 * coalesce((counts->>'seconds_cadres')::float8, 0)) " + phases);
        long writeMs = scalar("SELECT round(1000 * coalesce((counts->>'seconds_write')::float8, 0)) " + phases);
        // 3. Closing the fullest shelter re-places only its households.
        List<org.gridmap.evacuation.EvacuationService.ShelterView> views = evacuation.shelters(bench);
        org.gridmap.evacuation.EvacuationService.ShelterView fullest = views.stream().filter(v -> v.takesHouseholds())
                .max(java.util.Comparator.comparingInt(org.gridmap.evacuation.EvacuationService.ShelterView::reserved))
                .orElseThrow();
        long before = scalar("SELECT coalesce(max(id), 0) FROM transfer_plan");
        long t0 = System.nanoTime();
        evacuation.updateShelter(bench, fullest.shelterId(), "CLOSED", "benchmark", null, null, null, null, null, null);
        long replan = 0;
        while (replan == 0 || scalar("SELECT count(*) FROM transfer_plan WHERE id = " + replan
                + " AND status = 'RUNNING'") > 0) {
            replan = scalar("SELECT coalesce(max(id), 0) FROM transfer_plan WHERE kind = 'REPLACE' AND id > " + before);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        long closeMs = (System.nanoTime() - t0) / 1_000_000;
        evacuation.updateShelter(bench, fullest.shelterId(), "STANDBY", null, null, null, null, null, null, null);
        report.append(String.format("| end to end: 一键转换 → plan written (read, allocate, cadres, %,d transfers) | %d | %s | | | |%n",
                in.households().size(), median(endToEnd), Arrays.toString(endToEnd)));
        report.append(String.format("|  ↳ its phases (the plan's own timing, last run): must-move read %d, road matrix %d, "
                + "allocation %d → **allocation end to end %d**; cadres %d; writing the transfers %d | | | | | |%n",
                readMs, roadsMs, allocMs, readMs + roadsMs + allocMs, cadresMs, writeMs));
        report.append(String.format("| closing the shelter with most planned (%s, %,d people) → its households re-placed | %d | | | | |%n",
                fullest.shelterId(), fullest.reserved(), closeMs));
        if (usable) {
            // One route, as the map and the phone page ask for it: a placed household's building to its shelter.
            List<long[]> pairs = db.read(c -> {
                List<long[]> out = new ArrayList<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT h.building_id, "
                        + "t.shelter_id FROM transfer t JOIN household h ON h.id = t.household_id WHERE t.shelter_id "
                        + "IS NOT NULL ORDER BY t.id LIMIT 20")) {
                    while (rs.next()) {
                        out.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
                return out;
            });
            long[] one = new long[pairs.size()];
            for (int k = 0; k < pairs.size(); k++) {
                long[] pair = pairs.get(k);
                one[k] = timed(() -> roads.routes(scenarioId, List.of(pair)).size());
            }
            Arrays.sort(one);
            report.append(String.format("| one route building → shelter (pgr_dijkstra, geometry and roads), %d routes "
                    + "| %d | p95 %d | | | |%n", one.length, median(one), one.length == 0 ? 0 : one[(int) Math.ceil(one.length * 0.95) - 1]));
        }
        checkInsUnderLoad(district);
        report.append("""

            Targets (issue 11): allocation end to end (must-move read, road matrix, allocation) ≤ 3 s on the sample and
            the whole plan ≤ 30 s for this city; total distance within 0.5% of the lower bound; closing a shelter ≤ 2 s;
            a check-in round trip ≤ 100 ms p99 while 1,000 check-ins a minute and the dashboard run together; one route
            ≤ 100 ms. The lower bound is the min-cost flow with households divisible, which the allocator rounds to whole
            households (largest first into the shelters the flow chose, then nearest with room); with roads it is the
            bound over the same road costs.
            """);
    }

    /**
     * Check-ins at the rate of a busy flood night (1,000 a minute, open loop: each is sent at its time whether or not
     * the one before has answered) over HTTP, as shelter staff's phones send them, while the district dashboard is
     * open: one SSE stream and the summary read again after every event batch (at most every second, as the page
     * does). Measures each check-in from send to answer.
     */
    private void checkInsUnderLoad(String district) {
        var server = ctx.getBean(io.micronaut.runtime.server.EmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        String base = "http://127.0.0.1:" + server.getPort();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).executor(pool).build();
        String token = loginToken(http, base);
        int n = 1000;
        List<String[]> todo = db.read(c -> {
            List<String[]> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT t.code, s.shelter_id "
                    + "FROM transfer t JOIN evacuation e ON e.id = t.evacuation_id AND e.active JOIN shelter s ON "
                    + "s.id = t.shelter_id JOIN shelter_status ss ON ss.code = s.status AND ss.accepting "
                    + "WHERE t.arrived_shelter_id IS NULL ORDER BY t.id LIMIT " + n)) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return out;
        });
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong summaries = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong events = new java.util.concurrent.atomic.AtomicLong();
        List<Long> summaryMs = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread dashboard = new Thread(() -> {
            try {
                var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/evacuation/stream"))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
                var lines = http.send(req, java.net.http.HttpResponse.BodyHandlers.ofLines()).body().iterator();
                long last = 0;
                while (running.get() && lines.hasNext()) {
                    if (lines.next().startsWith("data:")) {
                        events.incrementAndGet();
                        if (System.currentTimeMillis() - last >= 1000) {
                            last = System.currentTimeMillis();
                            summaryMs.add(timed(() -> get(http, base + "/api/evacuation/summary?area=" + district,
                                    token)));
                            summaries.incrementAndGet();
                        }
                    }
                }
            } catch (Exception e) {
                if (running.get()) {
                    System.out.println("  dashboard stream ended: " + e);
                }
            }
        }, "bench-dashboard");
        dashboard.setDaemon(true);
        dashboard.start();
        long[] ms = new long[todo.size()];
        int[] status = new int[todo.size()];
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(todo.size());
        java.util.concurrent.ScheduledExecutorService clock = java.util.concurrent.Executors.newScheduledThreadPool(2);
        long t0 = System.nanoTime();
        for (int k = 0; k < todo.size(); k++) {
            int i = k;
            clock.schedule(() -> {
                String[] t = todo.get(i);
                var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/evacuation/shelters/"
                        + t[1] + "/check-ins")).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").header("Idempotency-Key", "bench-" + t[0])
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"code\":\"" + t[0] + "\"}")).build();
                long s0 = System.nanoTime();
                http.sendAsync(req, java.net.http.HttpResponse.BodyHandlers.discarding()).whenComplete((r, ex) -> {
                    ms[i] = (System.nanoTime() - s0) / 1_000_000;
                    status[i] = r == null ? -1 : r.statusCode();
                    done.countDown();
                });
            }, k * 60L, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        try {
            done.await(5, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long wall = (System.nanoTime() - t0) / 1_000_000;
        running.set(false);
        clock.shutdownNow();
        long ok = Arrays.stream(status).filter(x -> x == 200).count();
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        long[] sum = summaryMs.stream().mapToLong(Long::longValue).sorted().toArray();
        report.append(String.format("| check-ins over HTTP, 1,000 a minute for %.0f s (%,d sent, %,d answered 200), the "
                + "district dashboard open (SSE: %,d events; summary re-read %,d times, median %d ms) | p50 %d | p95 %d, "
                + "**p99 %d**, max %d | | | |%n", wall / 1000.0, todo.size(), ok, events.get(), summaries.get(),
                sum.length == 0 ? 0 : sum[sum.length / 2], percentile(sorted, 0.50), percentile(sorted, 0.95),
                percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
        pool.shutdownNow();
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(sorted.length * p) - 1)];
    }

    private Inputs inputs(RiskService.Scenario r50, org.gridmap.evacuation.EvacuationConfig config) {
        RuleSetHolder holder = new RuleSetHolder(ctx.getBean(RiskService.class).rules(r50.ruleSetVersion()));
        int srid = ctx.getBean(org.gridmap.support.DeploymentConfig.class).metricSrid();
        return db.read(c -> {
            List<org.gridmap.evacuation.Allocator.Household> hs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(org.gridmap.support.Sql.get("evacuation/must_move"))) {
                ps.setInt(1, r50.ruleSetVersion());
                ps.setLong(2, r50.currentRunId());
                ps.setString(3, "");
                ps.setArray(4, c.createArrayOf("text", holder.mustMoveAtI().toArray()));
                ps.setInt(5, srid);
                ps.setLong(6, -1);
                ps.setArray(7, c.createArrayOf("text", holder.mustMoveAtI().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hs.add(new org.gridmap.evacuation.Allocator.Household(rs.getLong("id"), rs.getLong("building"),
                                rs.getInt("color_rank") - 1, rs.getInt("members"), rs.getBoolean("accessible_need"),
                                rs.getDouble("x"), rs.getDouble("y")));
                    }
                }
            }
            List<org.gridmap.evacuation.Allocator.Shelter> ss = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(org.gridmap.support.Sql.get("evacuation/shelters"))) {
                ps.setInt(1, srid);
                ps.setInt(2, srid);
                ps.setLong(3, r50.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double depth = rs.getDouble("zone_depth_m");
                        boolean flooded = !rs.wasNull() && depth > config.shelterMaxDepthM();
                        if (rs.getBoolean("accepting") && !flooded) {
                            ss.add(new org.gridmap.evacuation.Allocator.Shelter(rs.getLong("id"), rs.getDouble("mx"),
                                    rs.getDouble("my"), rs.getInt("capacity") - rs.getInt("occupancy"),
                                    rs.getBoolean("accessible")));
                        }
                    }
                }
            }
            return new Inputs(hs, ss);
        });
    }

    private record RuleSetHolder(org.gridmap.risk.RuleSet rules) {
        List<String> mustMoveAtI() {
            return rules.mustMove().get("I");
        }
    }

    /** Greedy: by tier, each household to its nearest eligible shelter with room. people placed, person-km. */
    private static double[] greedy(Inputs in, org.gridmap.evacuation.Allocator.Cost cost) {
        int[] room = in.shelters().stream().mapToInt(org.gridmap.evacuation.Allocator.Shelter::remaining).toArray();
        List<org.gridmap.evacuation.Allocator.Household> order = new ArrayList<>(in.households());
        order.sort(java.util.Comparator.comparingInt(org.gridmap.evacuation.Allocator.Household::tier));
        double placed = 0;
        double metres = 0;
        for (org.gridmap.evacuation.Allocator.Household h : order) {
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int k = 0; k < room.length; k++) {
                org.gridmap.evacuation.Allocator.Shelter s = in.shelters().get(k);
                if (room[k] >= h.members() && (!h.accessibleNeed() || s.accessible())) {
                    double d = cost.metres(h, s);
                    if (d < bestD) {
                        bestD = d;
                        best = k;
                    }
                }
            }
            if (best >= 0) {
                room[best] -= h.members();
                placed += h.members();
                metres += h.members() * bestD;
            }
        }
        return new double[] {placed, metres / 1000};
    }

    // ------------------------------------------------------------------------------------------------ helpers

    void header(String title) {
        report.append("# ").append(title).append("\n\n");
        report.append("Run ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
                .append(" (Asia/Shanghai) by `./gridmap bench`.\n\n");
        report.append("Machine: ").append(machine()).append("\n\n");
        String database = db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT version(), postgis_full_version()")) {
                rs.next();
                return rs.getString(1).replaceAll(" on .*", "") + "; PostGIS "
                        + rs.getString(2).replaceAll("^POSTGIS=\"([^\"]+)\".*", "$1");
            }
        });
        report.append("Database: ").append(database).append(".\n\n");
        report.append("Caveat: a shared 2-core machine; the load average at the start was ")
                .append(String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append(". Medians of several runs after a warm-up; compare ratios more than absolute times.\n\n");
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.replaceAll(".*:\\s*", "")).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux
        }
        long mem = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + (mem >> 30) + " GiB, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.version");
    }

    private long scalar(String sql) {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static long timed(LongSupplier job) {
        long t0 = System.nanoTime();
        job.getAsLong();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long[] times(int n, LongSupplier run) {
        long[] t = new long[n];
        for (int k = 0; k < n; k++) {
            t[k] = run.getAsLong();
        }
        return t;
    }

    private static long median(long[] t) {
        long[] s = t.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}

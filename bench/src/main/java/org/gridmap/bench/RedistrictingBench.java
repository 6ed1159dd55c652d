package org.gridmap.bench;

import io.micronaut.context.ApplicationContext;
import org.gridmap.redistricting.RedistrictService;
import org.gridmap.security.Caller;
import org.gridmap.security.Role;
import org.gridmap.support.Db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./gridmap bench redistricting}, on a fresh copy of the Baicheng sample: live tallies and checks after one
 * edit (a community, a street), a proposal for the largest street and for every community, the publish of a street's
 * plan, and the point history; each against the plain SQL that reads the same facts, measured in the same run.
 */
final class RedistrictingBench {
    private final Bench bench;
    private final Db db;
    private final RedistrictService service;
    private final StringBuilder report;

    RedistrictingBench(Bench bench, ApplicationContext ctx, Db db) {
        this.bench = bench;
        this.db = db;
        this.service = ctx.getBean(RedistrictService.class);
        this.report = bench.report;
    }

    void run() {
        bench.header("Redistricting (网格调整) benchmark");
        String district = text("SELECT code FROM admin_area WHERE level = 'COUNTY' ORDER BY code LIMIT 1");
        Caller office = new Caller("bench", Role.DISTRICT_OFFICE, district);
        String community = text("SELECT community_code FROM building GROUP BY 1 ORDER BY sum(households) DESC LIMIT 1");
        String street = text("SELECT left(community_code, 9) FROM building GROUP BY 1 ORDER BY sum(households) DESC "
                + "LIMIT 1");
        report.append("Data: the Baicheng sample, ").append(scalar("SELECT sum(households) FROM building"))
                .append(" households in ").append(scalar("SELECT count(*) FROM building")).append(" buildings, ")
                .append(scalar("SELECT count(*) FROM admin_area WHERE level = 'COMMUNITY'")).append(" communities, ")
                .append(scalar("SELECT count(*) FROM grid WHERE valid_to IS NULL")).append(" grids. Largest community ")
                .append(community).append(" (").append(scalar("SELECT sum(households) FROM building WHERE "
                        + "community_code = '" + community + "'")).append(" households), largest street ").append(street)
                .append(" (").append(scalar("SELECT sum(households) FROM building WHERE community_code LIKE '" + street
                        + "%'")).append(" households).\n\n");

        // ---- one edit: tallies and checks
        report.append("## Live tallies and checks after one edit\n\n");
        report.append("Each edit moves one building between two grids of the draft (If-Match, logged for undo) and "
                + "answers the whole draft: tallies per grid, band, contiguity, Polsby-Popper, the draft's coverage QA "
                + "(the engine of /api/coverage) and buildings cut by their grid. The peer is the plain SQL of the "
                + "tallies alone (households, people and vulnerable people per grid of the same buildings).\n\n");
        report.append("| area | grids | edits | p50 ms | p95 ms | target p95 | plain SQL tallies p50 ms | ratio p50 |\n");
        report.append("|---|---|---|---|---|---|---|---|\n");
        edits(office, community, 100);
        edits(office, street, 300);

        // ---- proposals
        report.append("\n## Proposals (METIS)\n\n");
        RedistrictService.Draft streetDraft = service.create(office, street, "bench street");
        long t0 = System.nanoTime();
        RedistrictService.Draft proposed = service.propose(office, streetDraft.id(),
                RedistrictService.etag(streetDraft.version()), "SCRATCH");
        double streetSeconds = (System.nanoTime() - t0) / 1e9;
        report.append(String.format("- Street %s from scratch: **%.2f s** (target ≤ 5 s), %d grids, %d in band, %d "
                + "households change grid (%.1f%%).%n", street, streetSeconds, proposed.summary().grids(),
                proposed.summary().inBand(), ((Number) proposed.proposal().get("households_changing_grid")).intValue(),
                100 * ((Number) proposed.proposal().get("share_changing_grid")).doubleValue()));
        List<String> communities = new ArrayList<>();
        db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT code FROM admin_area "
                    + "WHERE level = 'COMMUNITY' ORDER BY code")) {
                while (rs.next()) {
                    communities.add(rs.getString(1));
                }
            }
            return null;
        });
        int grids = 0;
        int inBand = 0;
        int feasibleGrids = 0;
        int feasibleInBand = 0;
        List<String> exceptions = new ArrayList<>();
        t0 = System.nanoTime();
        for (String code : communities) {
            RedistrictService.Draft d = service.create(office, code, "bench " + code);
            RedistrictService.Draft p = service.propose(office, d.id(), RedistrictService.etag(d.version()), "SCRATCH");
            boolean infeasible = false;
            for (Object x : (List<?>) p.proposal().get("exceptions")) {
                String why = String.valueOf(((java.util.Map<?, ?>) x).get("reason"));
                exceptions.add(code + ": " + why);
                infeasible |= why.contains("fewer than") || why.contains("cannot be cut");
            }
            grids += p.summary().grids();
            inBand += p.summary().inBand();
            if (!infeasible) {
                feasibleGrids += p.summary().grids();
                feasibleInBand += p.summary().inBand();
            }
        }
        double allSeconds = (System.nanoTime() - t0) / 1e9;
        report.append(String.format("- All %d communities, each its own draft, from scratch: **%.1f s** (target ≤ "
                + "60 s), %d grids, %d in band (%.1f%%); where a community's total allows the band: %d of %d grids in "
                + "band (**%.1f%%**, target 100%%).%n", communities.size(), allSeconds, grids, inBand,
                100.0 * inBand / Math.max(1, grids), feasibleInBand, feasibleGrids,
                100.0 * feasibleInBand / Math.max(1, feasibleGrids)));
        if (!exceptions.isEmpty()) {
            report.append("- Exceptions (").append(exceptions.size()).append("): ").append(String.join("; ",
                    exceptions.subList(0, Math.min(12, exceptions.size())))).append(exceptions.size() > 12 ? "; …" : "")
                    .append(".\n");
        }

        // ---- publish
        report.append("\n## Publish\n\n");
        long tickets = scalar("SELECT count(*) FROM ticket WHERE grid_code LIKE '" + street + "%' AND status IN "
                + "(SELECT code FROM ticket_status WHERE open)");
        t0 = System.nanoTime();
        RedistrictService.Draft published = service.publish(office, proposed.id(),
                RedistrictService.etag(proposed.version()), null);
        double publishSeconds = (System.nanoTime() - t0) / 1e9;
        report.append(String.format("- Street %s, %s grids, %s open tickets and %s stewards moved: **%.2f s** "
                + "(target ≤ 5 s; one transaction with the buildings' membership, statistics and 四色 aggregates "
                + "the triggers keep): ending and starting the grids with the buildings' move %s s, tickets, "
                + "stewards and lineage %s s.%n", street, published.published().get("grids"),
                published.published().get("tickets_moved"), published.published().get("stewards_moved"),
                publishSeconds, published.published().get("seconds_grids_and_buildings"),
                published.published().get("seconds_tickets_stewards_lineage")));
        if (tickets == 0) {
            report.append("  (the sample has no open tickets in this street: the ticket move was measured empty.)\n");
        }

        // ---- history
        report.append("\n## History: which grid held a point on a past date\n\n");
        OffsetDateTime past = OffsetDateTime.now().minusMinutes(10);
        List<double[]> points = new ArrayList<>();
        db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT ST_X(p), ST_Y(p) FROM "
                    + "(SELECT ST_PointOnSurface(geom) p FROM building WHERE community_code LIKE '" + street
                    + "%' ORDER BY id LIMIT 200) x")) {
                while (rs.next()) {
                    points.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
                }
            }
            return null;
        });
        long[] service = new long[points.size()];
        long[] raw = new long[points.size()];
        for (int k = 0; k < points.size(); k++) {
            double[] p = points.get(k);
            long s0 = System.nanoTime();
            this.service.gridAt(office, p[0], p[1], past);
            service[k] = System.nanoTime() - s0;
            s0 = System.nanoTime();
            rawGridAt(p[0], p[1], past);
            raw[k] = System.nanoTime() - s0;
        }
        report.append(String.format("- %d points of the republished street at a moment before the publish: p50 %.2f ms, "
                + "**p95 %.2f ms** (target ≤ 50 ms); the same query as plain SQL p50 %.2f ms (ratio %.2f).%n",
                points.size(), pct(service, 0.5) / 1e6, pct(service, 0.95) / 1e6, pct(raw, 0.5) / 1e6,
                pct(service, 0.5) / Math.max(1, pct(raw, 0.5))));
    }

    private void edits(Caller office, String area, int targetMs) {
        RedistrictService.Draft d = service.create(office, area, "bench edits " + area);
        List<RedistrictService.GridTally> gs = d.grids();
        // two neighbouring grids of one community and a building of the first
        String community = gs.get(0).communityCode();
        int a = gs.get(0).key();
        int b = gs.stream().filter(g -> g.communityCode().equals(community) && g.key() != a).findFirst()
                .orElseThrow().key();
        String source = gs.get(0).sourceGridCode();
        String building = text("SELECT building_id FROM building WHERE grid_code = '" + source + "' ORDER BY id LIMIT 1");
        int n = 30;
        long[] t = new long[n];
        int version = d.version();
        service.view(office, d.id(), null); // warm: the community's ground is built once and kept
        for (int k = 0; k < n; k++) {
            long s0 = System.nanoTime();
            RedistrictService.Draft after = service.move(office, d.id(), RedistrictService.etag(version),
                    List.of(building), null, k % 2 == 0 ? b : a);
            t[k] = System.nanoTime() - s0;
            version = after.version();
        }
        long[] sql = new long[n];
        for (int k = 0; k < n; k++) {
            long s0 = System.nanoTime();
            rawTallies(area);
            sql[k] = System.nanoTime() - s0;
        }
        report.append(String.format("| %s | %d | %d | %.1f | **%.1f** | ≤ %d | %.1f | %.1f |%n", area, gs.size(), n,
                pct(t, 0.5) / 1e6, pct(t, 0.95) / 1e6, targetMs, pct(sql, 0.5) / 1e6,
                pct(t, 0.5) / Math.max(1, pct(sql, 0.5))));
    }

    private void rawTallies(String area) {
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT grid_code, sum(households), sum(people), "
                    + "sum(vulnerable_people), count(*) FROM building WHERE community_code LIKE ? GROUP BY grid_code")) {
                ps.setString(1, area + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(2);
                    }
                }
            }
            return null;
        });
    }

    private void rawGridAt(double lon, double lat, OffsetDateTime at) {
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT grid_code FROM grid WHERE ST_Intersects(geom, "
                    + "ST_SetSRID(ST_MakePoint(?, ?), 4326)) AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) "
                    + "LIMIT 1")) {
                ps.setDouble(1, lon);
                ps.setDouble(2, lat);
                ps.setObject(3, at);
                ps.setObject(4, at);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
            return null;
        });
    }

    private static double pct(long[] t, double p) {
        long[] s = t.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p * s.length) - 1)];
    }

    private String text(String sql) {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    private long scalar(String sql) {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}

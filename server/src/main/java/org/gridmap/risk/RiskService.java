package org.gridmap.risk;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.gridmap.security.Audit;
import org.gridmap.security.Caller;
import org.gridmap.security.Masking;
import org.gridmap.support.Db;
import org.gridmap.support.ProblemException;
import org.gridmap.support.Rows;
import org.gridmap.support.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * 四色 runs and reads. A run computes the scenario's building inputs and per-area counts and makes them current in
 * one transaction (under a per-scenario advisory lock), so a failed or killed run leaves the previous results as
 * they were. Changes to households, buildings, zones and recorded inundation re-classify what they touch at once
 * (database triggers, same functions); a rule-set edit re-derives every current result at once.
 */
@Singleton
public class RiskService {
    private static final Logger LOG = LoggerFactory.getLogger(RiskService.class);
    static final List<String> COLOURS = List.of("RED", "ORANGE", "YELLOW", "GREEN");

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Scenario(long id, String code, String name, String kind, @Nullable Integer returnPeriodYears,
                           @Nullable Long currentRunId, @Nullable Integer ruleSetVersion) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Run(long id, String scenario, int ruleSetVersion, String status, @Nullable String phase,
                      double progress, Object counts, @Nullable String message, String createdBy,
                      OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt, boolean current) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ColourCounts(Map<String, Long> households, Map<String, Long> people,
                               Map<String, Long> vulnerablePeople, String worstColor) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record AreaCounts(String code, ColourCounts counts) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Summary(String area, String scenario, int ruleSetVersion, long runId, ColourCounts total,
                          @Nullable String warningLevel, @Nullable List<String> mustMoveColors,
                          @Nullable Long mustMoveHouseholds, @Nullable Long mustMovePeople, List<AreaCounts> children) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record HouseholdRisk(String householdId, String buildingId, @Nullable String address, @Nullable Integer unit,
                                int floor, @Nullable String room, int members, String color, String rule,
                                BigDecimal depthM, BigDecimal effectiveDepthM, int vulnerableMembers,
                                @Nullable String contactName, @Nullable String phone) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Page(String grid, String scenario, @Nullable String color, int page, int size, long total,
                       List<HouseholdRisk> households) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Explanation(String householdId, String buildingId, String scenario, int ruleSetVersion,
                              String color, String rule, int ruleNumber, String reasonZh, String reasonEn,
                              Map<String, Object> inputs) {}

    private final Db db;
    private final Audit audit;
    private final JsonMapper json;
    private final ExecutorService executor;

    private final int metricSrid;
    private final org.gridmap.support.Instance instance;

    RiskService(Db db, Audit audit, JsonMapper json, @Named("risk") ExecutorService executor,
                org.gridmap.support.GridmapConfig config, org.gridmap.support.Instance instance) {
        this.instance = instance;
        this.metricSrid = config.getMetricSrid();
        this.db = db;
        this.audit = audit;
        this.json = json;
        this.executor = executor;
    }

    @EventListener
    void onStartup(StartupEvent e) {
        db.tx(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE OR REPLACE FUNCTION gm_metric_srid() RETURNS integer LANGUAGE sql IMMUTABLE "
                        + "PARALLEL SAFE AS $$ SELECT " + metricSrid + " $$");
            }
            return null;
        });
        int n = db.tx(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("UPDATE risk_run SET status = 'FAILED', phase = 'done', finished_at = now(), "
                        + "message = 'interrupted (the server stopped); the previous results are unchanged' "
                        + "WHERE status = 'RUNNING' AND NOT gm_instance_alive(instance_key)");
            }
        });
        if (n > 0) {
            LOG.warn("{} 四色 run(s) were interrupted by a stop; marked FAILED, previous results kept", n);
        }
    }

    // ------------------------------------------------------------------------------------------------ scenarios

    public List<Scenario> scenarios() {
        return db.read(c -> {
            List<Scenario> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/scenarios")); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(scenario(rs));
                }
            }
            return out;
        });
    }

    public Scenario scenario(String code) {
        if (code == null || code.isBlank()) {
            throw ProblemException.invalidParameter("scenario", "is required (a scenario code such as R50)");
        }
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/scenario_by_code"))) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ProblemException.notFound("scenario", code);
                    }
                    return scenario(rs);
                }
            }
        });
    }

    private static Scenario scenario(ResultSet rs) throws SQLException {
        long run = rs.getLong("run_id");
        Long runId = rs.wasNull() ? null : run;
        return new Scenario(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("kind"),
                Rows.intOrNull(rs, "return_period_years"), runId, Rows.intOrNull(rs, "rule_set_version"));
    }

    private Scenario withResults(String code) {
        Scenario s = scenario(code);
        if (s.currentRunId() == null) {
            throw new ProblemException(io.micronaut.http.HttpStatus.CONFLICT, org.gridmap.support.ProblemTypes.CONFLICT,
                    "No results yet", "scenario " + code + " has no 四色 results yet: start a run (POST /api/risk/runs)");
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------------ rule sets

    public RuleSet activeRules() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/rule_set_active")); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return ruleSet(rs);
            }
        });
    }

    public RuleSet rules(int version) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/rule_set_by_version"))) {
                ps.setInt(1, version);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ProblemException.notFound("rule set", String.valueOf(version));
                    }
                    return ruleSet(rs);
                }
            }
        });
    }

    /** Stores a new rule-set version and re-derives every scenario's current results with it, in one transaction. */
    public RuleSet updateRules(Caller caller, RuleSet r) {
        r.validate();
        int version = db.tx(c -> {
            int v;
            try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/rule_set_insert"))) {
                ps.setBigDecimal(1, r.storeyHeightM());
                ps.setBigDecimal(2, r.basementDepthM());
                ps.setBigDecimal(3, r.redDepthM());
                ps.setBigDecimal(4, r.redVulnerableDepthM());
                ps.setBigDecimal(5, r.orangeDepthM());
                ps.setArray(6, c.createArrayOf("text", r.weakGrades().toArray()));
                ps.setArray(7, c.createArrayOf("text", r.deepZoneKinds().toArray()));
                ps.setBigDecimal(8, r.nearZoneM());
                for (int k = 0; k < 4; k++) {
                    ps.setArray(9 + k, c.createArrayOf("text", r.mustMove().get(RuleSet.LEVELS.get(k)).toArray()));
                }
                ps.setString(13, r.note());
                ps.setString(14, caller.username());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    v = rs.getInt(1);
                }
            }
            List<String> stmts = Sql.statements("risk/rederive_current");
            try (PreparedStatement ps = c.prepareStatement(stmts.get(0))) {
                ps.setInt(1, v);
                ps.executeUpdate();
            }
            try (Statement st = c.createStatement()) {
                st.execute(stmts.get(1));
            }
            audit.record(c, caller.username(), caller.role().name(), "RULES_UPDATED", "risk_rule_set",
                    String.valueOf(v), caller.area(), Map.of("note", r.note() == null ? "" : r.note()), null);
            return v;
        });
        return rules(version);
    }

    private static RuleSet ruleSet(ResultSet rs) throws SQLException {
        Map<String, List<String>> mustMove = new LinkedHashMap<>();
        mustMove.put("IV", list(rs.getArray("must_move_iv")));
        mustMove.put("III", list(rs.getArray("must_move_iii")));
        mustMove.put("II", list(rs.getArray("must_move_ii")));
        mustMove.put("I", list(rs.getArray("must_move_i")));
        return new RuleSet(rs.getInt("version"), rs.getBigDecimal("storey_height_m"), rs.getBigDecimal("basement_depth_m"),
                rs.getBigDecimal("red_depth_m"), rs.getBigDecimal("red_vulnerable_depth_m"),
                rs.getBigDecimal("orange_depth_m"), list(rs.getArray("weak_grades")),
                list(rs.getArray("deep_zone_kinds")), rs.getBigDecimal("near_zone_m"), mustMove, rs.getString("note"),
                rs.getString("created_by"), Rows.time(rs, "created_at"));
    }

    private static List<String> list(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    // ------------------------------------------------------------------------------------------------ runs

    /** A started run: its id at once, and a future that completes with the finished run. */
    public record Started(long runId, CompletableFuture<Run> done) {}

    /** Starts a run over the whole district. */
    public Started startRun(Caller caller, String scenarioCode) {
        Scenario s = scenario(scenarioCode);
        RuleSet rules = activeRules();
        long runId = db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_insert"))) {
                ps.setLong(1, s.id());
                ps.setInt(2, rules.version());
                ps.setString(3, caller.username());
                ps.setInt(4, instance.key());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new Started(runId, CompletableFuture.supplyAsync(() -> execute(runId, s, rules.version(), caller),
                executor));
    }

    /** Runs synchronously (used by the executor, benchmarks and tests). */
    Run execute(long runId, Scenario s, int ruleVersion, Caller caller) {
        long t0 = System.nanoTime();
        try {
            progress(runId, "inputs", 0.05);
            Map<String, Object> counts = db.tx(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_xact_lock(7261, " + s.id() + ")");
                    st.execute("SET LOCAL work_mem = '128MB'");
                }
                long t1 = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_inputs"))) {
                    ps.setLong(1, runId);
                    ps.setLong(2, s.id());
                    ps.setInt(3, metricSrid);
                    ps.executeUpdate();
                }
                long t2 = System.nanoTime();
                progress(runId, "classifying", 0.6);
                try (PreparedStatement ps = c.prepareStatement("SELECT gm_risk_aggregate(?, NULL)")) {
                    ps.setLong(1, runId);
                    ps.execute();
                }
                long t3 = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_activate"))) {
                    ps.setLong(1, s.id());
                    ps.setLong(2, runId);
                    ps.setInt(3, ruleVersion);
                    ps.executeUpdate();
                }
                Map<String, Object> m = runCounts(c, runId);
                m.put("seconds_inputs", secs(t2 - t1));
                m.put("seconds_classify", secs(t3 - t2));
                m.put("seconds_total", secs(System.nanoTime() - t0));
                try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_finish"))) {
                    ps.setString(1, "SUCCEEDED");
                    ps.setString(2, "SUCCEEDED");
                    ps.setString(3, null);
                    ps.setString(4, json.writeValueAsString(m));
                    ps.setLong(5, runId);
                    ps.executeUpdate();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                audit.record(c, caller.username(), caller.role().name(), "RISK_RUN", "risk_run", String.valueOf(runId),
                        caller.area(), Map.of("scenario", s.code(), "rule_set_version", ruleVersion), null);
                return m;
            });
            db.tx(c -> {
                try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_cleanup"))) {
                    ps.setLong(1, s.id());
                    return ps.executeUpdate();
                }
            });
            // Fresh statistics: a run adds tens of thousands of rows, and the incremental refreshes after it need
            // plans that look up one building, not walk the whole run.
            db.read(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("ANALYZE risk_building, risk_area");
                }
                return null;
            });
            LOG.info("四色 run {} ({}) done: {}", runId, s.code(), counts);
        } catch (RuntimeException e) {
            String cid = UUID.randomUUID().toString();
            LOG.error("[{}] 四色 run {} failed", cid, runId, e);
            db.tx(c -> {
                try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_finish"))) {
                    ps.setString(1, "FAILED");
                    ps.setString(2, "FAILED");
                    ps.setString(3, "the run failed (correlation id " + cid + "); the previous results are unchanged");
                    ps.setString(4, "{}");
                    ps.setLong(5, runId);
                    return ps.executeUpdate();
                }
            });
        }
        return run(runId).orElseThrow();
    }

    private static double secs(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }

    private Map<String, Object> runCounts(Connection c, long runId) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_counts"))) {
            ps.setLong(1, runId);
            ps.setLong(2, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Map<String, Long> hh = new LinkedHashMap<>();
                Map<String, Long> people = new LinkedHashMap<>();
                for (int k = 0; k < 4; k++) {
                    hh.put(COLOURS.get(k), rs.getLong(1 + k));
                    people.put(COLOURS.get(k), rs.getLong(5 + k));
                }
                m.put("households", hh);
                m.put("people", people);
                m.put("buildings_with_inputs", rs.getLong(9));
            }
        }
        return m;
    }

    private void progress(long runId, String phase, double p) {
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_progress"))) {
                ps.setString(1, phase);
                ps.setDouble(2, p);
                ps.setLong(3, runId);
                return ps.executeUpdate();
            }
        });
    }

    public Optional<Run> run(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_get"))) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Object counts;
                    try {
                        counts = json.readValue(rs.getString(7), Object.class);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return Optional.of(new Run(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), rs.getDouble(6), counts, rs.getString(8), rs.getString(9),
                            Rows.time(rs, "started_at"), Rows.time(rs, "finished_at"), rs.getBoolean(12)));
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ reads

    public Summary summary(Caller caller, String area, String scenarioCode, @Nullable String warningLevel) {
        Scenario s = withResults(scenarioCode);
        String prefix = caller.covers(area) ? area : caller.area();
        int childLength = prefix.length() == 6 ? 9 : prefix.length() == 9 ? 12 : 15;
        RuleSet rules = rules(s.ruleSetVersion());
        List<String> mustMove = null;
        if (warningLevel != null) {
            mustMove = rules.mustMove().get(warningLevel.toUpperCase(java.util.Locale.ROOT));
            if (mustMove == null) {
                throw ProblemException.invalidParameter("warning_level", "must be IV, III, II or I (蓝/黄/橙/红)");
            }
        }
        long[] total = new long[12];
        int[] worst = {10};
        List<AreaCounts> children = new ArrayList<>();
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/summary"))) {
                ps.setInt(1, childLength);
                ps.setLong(2, s.currentRunId());
                ps.setString(3, prefix + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] v = new long[12];
                        for (int k = 0; k < 12; k++) {
                            v[k] = rs.getLong(2 + k);
                            total[k] += v[k];
                        }
                        int w = rs.getInt(14);
                        worst[0] = Math.min(worst[0], w);
                        children.add(new AreaCounts(rs.getString(1), counts(v, w)));
                    }
                }
            }
            return null;
        });
        Long mmHouseholds = null;
        Long mmPeople = null;
        if (mustMove != null) {
            mmHouseholds = 0L;
            mmPeople = 0L;
            for (String colour : mustMove) {
                int k = COLOURS.indexOf(colour);
                mmHouseholds += total[k];
                mmPeople += total[4 + k];
            }
        }
        return new Summary(prefix, s.code(), s.ruleSetVersion(), s.currentRunId(), counts(total, worst[0]),
                warningLevel == null ? null : warningLevel.toUpperCase(java.util.Locale.ROOT), mustMove, mmHouseholds,
                mmPeople, children);
    }

    private static ColourCounts counts(long[] v, int worstRule) {
        Map<String, Long> hh = new LinkedHashMap<>();
        Map<String, Long> people = new LinkedHashMap<>();
        Map<String, Long> vuln = new LinkedHashMap<>();
        for (int k = 0; k < 4; k++) {
            hh.put(COLOURS.get(k), v[k]);
            people.put(COLOURS.get(k), v[4 + k]);
            vuln.put(COLOURS.get(k), v[8 + k]);
        }
        return new ColourCounts(hh, people, vuln, RiskRule.of(worstRule).color());
    }

    public Page households(Caller caller, String grid, String scenarioCode, @Nullable String color, int page, int size) {
        caller.requireHouseholdAccess();
        if (grid == null || !grid.matches("\\d{15}")) {
            throw ProblemException.invalidParameter("grid", "must be a 15-digit grid code");
        }
        if (!caller.covers(grid)) {
            throw ProblemException.notFound("grid", grid);
        }
        if (color != null && !COLOURS.contains(color)) {
            throw ProblemException.invalidParameter("color", "must be RED, ORANGE, YELLOW or GREEN");
        }
        if (page < 1 || size < 1 || size > 500) {
            throw ProblemException.invalidParameter("page/size", "page ≥ 1 and 1 ≤ size ≤ 500");
        }
        Scenario s = withResults(scenarioCode);
        List<HouseholdRisk> out = new ArrayList<>();
        long[] total = {0};
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/households"))) {
                ps.setInt(1, s.ruleSetVersion());
                ps.setLong(2, s.currentRunId());
                ps.setString(3, grid);
                ps.setString(4, color);
                ps.setString(5, color);
                ps.setInt(6, size);
                ps.setInt(7, (page - 1) * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        RiskRule rule = RiskRule.of(rs.getInt("rule"));
                        int vuln = rs.getInt("elderly") + rs.getInt("children") + rs.getInt("sick")
                                + rs.getInt("disabled") + rs.getInt("pregnant");
                        total[0] = rs.getLong("total");
                        out.add(new HouseholdRisk(rs.getString("household_id"), rs.getString("building_id"),
                                rs.getString("address"), Rows.intOrNull(rs, "unit"), rs.getInt("floor"),
                                rs.getString("room"), rs.getInt("members"), rule.color(), rule.name(),
                                rs.getBigDecimal("depth_m"), rs.getBigDecimal("effective_m"), vuln,
                                Masking.name(rs.getString("contact_name")), Masking.phone(rs.getString("phone"))));
                    }
                }
            }
            return null;
        });
        if (!out.isEmpty()) {
            audit.record(caller, "READ_HOUSEHOLDS", "grid", grid, Map.of("scenario", s.code(), "households",
                    out.size(), "masked", true));
        }
        return new Page(grid, s.code(), color, page, size, total[0], out);
    }

    /** The reason for a building's colour: the explanation of its most urgent household. */
    public Explanation explainBuilding(Caller caller, String buildingId, String scenarioCode) {
        Scenario s = withResults(scenarioCode);
        String household = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/building_worst_household"))) {
                ps.setInt(1, s.ruleSetVersion());
                ps.setLong(2, s.currentRunId());
                ps.setString(3, buildingId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        // One answer for "no such building", "no households" and "outside your area": nothing about the building
        // (or the id of its household) is disclosed to a caller who may not see it.
        if (household == null) {
            throw ProblemException.notFound("building", buildingId);
        }
        return explain(caller, household, scenarioCode, () -> ProblemException.notFound("building", buildingId));
    }

    public Explanation explain(Caller caller, String householdId, String scenarioCode) {
        return explain(caller, householdId, scenarioCode, () -> ProblemException.notFound("household", householdId));
    }

    private Explanation explain(Caller caller, String householdId, String scenarioCode,
                                java.util.function.Supplier<ProblemException> notFound) {
        caller.requireHouseholdAccess();
        Scenario s = withResults(scenarioCode);
        RuleSet rules = rules(s.ruleSetVersion());
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/household_risk"))) {
                ps.setInt(1, s.ruleSetVersion());
                ps.setLong(2, s.currentRunId());
                ps.setString(3, householdId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !caller.covers(rs.getString("scope_code"))) {
                        throw notFound.get();
                    }
                    Explanation e = RiskExplainer.explain(rs, s, rules);
                    audit.record(caller, "READ_HOUSEHOLDS", "household", householdId, Map.of("scenario", s.code(),
                            "purpose", "risk explanation"));
                    return e;
                }
            }
        });
    }
}

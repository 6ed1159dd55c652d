package org.gridmap.risk;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.gridmap.support.Lock;
import org.gridmap.support.LockRepository;
import org.gridmap.support.Rows;
import org.gridmap.support.Sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only SQL on 四色 (sql/risk/*.sql): scenarios, rule sets, runs, and the reads of results. Each method works in
 * the caller's connection, so the service decides where a transaction starts and ends.
 */
@Singleton
class RiskRepository {
    /** One area's counts under a run: households, people, vulnerable people per colour (12 numbers), worst rule. */
    record AreaRow(String code, long[] counts, int worstRule) {}

    /** A household of a grid with its colour's rule under a run (contact in clear: the caller masks). */
    record HouseholdRow(String householdId, String buildingId, String address, Integer unit, int floor, String room,
                        int members, int vulnerablePeople, int rule, BigDecimal depthM, BigDecimal effectiveM,
                        String contactName, String phone) {}

    /** What the explanation of one household's colour is made from. */
    record HouseholdInputs(String householdId, String buildingId, String scopeCode, int floor, int rule,
                           BigDecimal depthM, BigDecimal modelDepthM, BigDecimal recordedDepthM, BigDecimal effectiveM,
                           String recordedFlood, List<String> zoneKinds, Double nearM, String safetyGrade,
                           boolean vulnerable, int elderly, int children, int sick, int disabled, int pregnant,
                           boolean livingAlone, Integer oldestAge) {}

    private final JsonMapper json;

    RiskRepository(JsonMapper json) {
        this.json = json;
    }

    // ------------------------------------------------------------------------------------------------ scenarios

    List<RiskService.Scenario> scenarios(Connection c) throws SQLException {
        List<RiskService.Scenario> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/scenarios")); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(scenario(rs));
            }
        }
        return out;
    }

    Optional<RiskService.Scenario> scenario(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/scenario_by_code"))) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(scenario(rs)) : Optional.empty();
            }
        }
    }

    private static RiskService.Scenario scenario(ResultSet rs) throws SQLException {
        long run = rs.getLong("run_id");
        Long runId = rs.wasNull() ? null : run;
        return new RiskService.Scenario(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                rs.getString("kind"), Rows.intOrNull(rs, "return_period_years"), runId,
                Rows.intOrNull(rs, "rule_set_version"));
    }

    // ------------------------------------------------------------------------------------------------ rule sets

    RuleSet activeRules(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/rule_set_active")); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return ruleSet(rs);
        }
    }

    Optional<RuleSet> rules(Connection c, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/rule_set_by_version"))) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ruleSet(rs)) : Optional.empty();
            }
        }
    }

    /** Stores a rule set as the newest version; returns the version. */
    int insertRules(Connection c, RuleSet r, String actor) throws SQLException {
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
                ps.setArray(9 + k, c.createArrayOf("text", r.mustMove().get(WarningLevel.CODES.get(k)).toArray()));
            }
            ps.setString(13, r.note());
            ps.setString(14, actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Every scenario's current results follow a rule-set version, re-derived at once. */
    void rederiveCurrent(Connection c, int version) throws SQLException {
        List<String> stmts = Sql.statements("risk/rederive_current");
        try (PreparedStatement ps = c.prepareStatement(stmts.get(0))) {
            ps.setInt(1, version);
            ps.executeUpdate();
        }
        try (Statement st = c.createStatement()) {
            st.execute(stmts.get(1));
        }
    }

    private static RuleSet ruleSet(ResultSet rs) throws SQLException {
        Map<String, List<String>> mustMove = new LinkedHashMap<>();
        for (String level : WarningLevel.CODES) {
            mustMove.put(level, list(rs.getArray("must_move_" + level.toLowerCase(java.util.Locale.ROOT))));
        }
        return new RuleSet(rs.getInt("version"), rs.getBigDecimal("storey_height_m"), rs.getBigDecimal("basement_depth_m"),
                rs.getBigDecimal("red_depth_m"), rs.getBigDecimal("red_vulnerable_depth_m"),
                rs.getBigDecimal("orange_depth_m"), list(rs.getArray("weak_grades")),
                list(rs.getArray("deep_zone_kinds")), rs.getBigDecimal("near_zone_m"), mustMove, rs.getString("note"),
                rs.getString("created_by"), Rows.time(rs, "created_at"));
    }

    // ------------------------------------------------------------------------------------------------ runs

    int failInterruptedRuns(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_interrupted"))) {
            return ps.executeUpdate();
        }
    }

    long insertRun(Connection c, long scenarioId, int ruleVersion, String actor, int instanceKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_insert"))) {
            ps.setLong(1, scenarioId);
            ps.setInt(2, ruleVersion);
            ps.setString(3, actor);
            ps.setInt(4, instanceKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Takes the scenario's run lock for the transaction, with memory for the run's sorts. */
    void lockScenario(Connection c, long scenarioId) throws SQLException {
        LockRepository.forTransaction(c, Lock.RISK_RUN, Math.toIntExact(scenarioId));
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL work_mem = '128MB'");
        }
    }

    void writeInputs(Connection c, long runId, long scenarioId, int metricSrid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_inputs"))) {
            ps.setLong(1, runId);
            ps.setLong(2, scenarioId);
            ps.setInt(3, metricSrid);
            ps.executeUpdate();
        }
    }

    void aggregate(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_aggregate"))) {
            ps.setLong(1, runId);
            ps.execute();
        }
    }

    void activate(Connection c, long scenarioId, long runId, int ruleVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_activate"))) {
            ps.setLong(1, scenarioId);
            ps.setLong(2, runId);
            ps.setInt(3, ruleVersion);
            ps.executeUpdate();
        }
    }

    void finishRun(Connection c, long runId, String status, String message, Object counts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_finish"))) {
            ps.setString(1, status);
            ps.setString(2, status);
            ps.setString(3, message);
            ps.setString(4, json.writeValueAsString(counts));
            ps.setLong(5, runId);
            ps.executeUpdate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void cleanup(Connection c, long scenarioId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_cleanup"))) {
            ps.setLong(1, scenarioId);
            ps.executeUpdate();
        }
    }

    /** Waits until no other request starts a run of this scenario (held until the transaction ends). */
    void lockStart(Connection c, long scenarioId) throws SQLException {
        LockRepository.forTransaction(c, Lock.RISK_START, Math.toIntExact(scenarioId));
    }

    /** The run of the scenario running now in a live process, if any. */
    java.util.Optional<Long> running(Connection c, long scenarioId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_running"))) {
            ps.setLong(1, scenarioId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getLong(1)) : java.util.Optional.empty();
            }
        }
    }

    void analyze(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(Sql.get("risk/run_analyze"));
        }
    }

    /** Households (4) and people (4) per colour of a run, and its buildings with inputs. */
    long[] runCounts(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_counts"))) {
            ps.setLong(1, runId);
            ps.setLong(2, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long[] v = new long[9];
                for (int k = 0; k < 9; k++) {
                    v[k] = rs.getLong(1 + k);
                }
                return v;
            }
        }
    }

    void progress(Connection c, long runId, String phase, double p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/run_progress"))) {
            ps.setString(1, phase);
            ps.setDouble(2, p);
            ps.setLong(3, runId);
            ps.executeUpdate();
        }
    }

    Optional<RiskService.Run> run(Connection c, long id) throws SQLException {
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
                return Optional.of(new RiskService.Run(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getDouble(6), counts, rs.getString(8), rs.getString(9),
                        Rows.time(rs, "started_at"), Rows.time(rs, "finished_at"), rs.getBoolean(12)));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ reads

    /** Counts per child area (codes cut to {@code childLength}) of the areas under {@code prefix}. */
    List<AreaRow> summary(Connection c, int childLength, long runId, String prefix) throws SQLException {
        List<AreaRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/summary"))) {
            ps.setInt(1, childLength);
            ps.setLong(2, runId);
            ps.setString(3, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] v = new long[12];
                    for (int k = 0; k < 12; k++) {
                        v[k] = rs.getLong(2 + k);
                    }
                    out.add(new AreaRow(rs.getString(1), v, rs.getInt(14)));
                }
            }
        }
        return out;
    }

    /** A page of a grid's households with their rules; {@code total[0]} receives the number of all. */
    List<HouseholdRow> households(Connection c, int ruleVersion, long runId, String grid, String color, int size,
                                  int offset, long[] total) throws SQLException {
        List<HouseholdRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/households"))) {
            ps.setInt(1, ruleVersion);
            ps.setLong(2, runId);
            ps.setString(3, grid);
            ps.setString(4, color);
            ps.setString(5, color);
            ps.setInt(6, size);
            ps.setInt(7, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    total[0] = rs.getLong("total");
                    out.add(new HouseholdRow(rs.getString("household_id"), rs.getString("building_id"),
                            rs.getString("address"), Rows.intOrNull(rs, "unit"), rs.getInt("floor"),
                            rs.getString("room"), rs.getInt("members"), rs.getInt("vulnerable_people"),
                            rs.getInt("rule"), rs.getBigDecimal("depth_m"), rs.getBigDecimal("effective_m"),
                            rs.getString("contact_name"), rs.getString("phone")));
                }
            }
        }
        return out;
    }

    /** The household of a building with the most urgent rule under a run. */
    Optional<String> worstHousehold(Connection c, int ruleVersion, long runId, String buildingId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/building_worst_household"))) {
            ps.setInt(1, ruleVersion);
            ps.setLong(2, runId);
            ps.setString(3, buildingId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    Optional<HouseholdInputs> householdInputs(Connection c, int ruleVersion, long runId, String householdId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("risk/household_risk"))) {
            ps.setInt(1, ruleVersion);
            ps.setLong(2, runId);
            ps.setString(3, householdId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new HouseholdInputs(rs.getString("household_id"), rs.getString("building_id"),
                        rs.getString("scope_code"), rs.getInt("floor"), rs.getInt("rule"), rs.getBigDecimal("depth_m"),
                        rs.getBigDecimal("model_depth_m"), rs.getBigDecimal("recorded_depth_m"),
                        rs.getBigDecimal("effective_m"), rs.getString("recorded_flood"), list(rs.getArray("zone_kinds")),
                        Rows.doubleOrNull(rs, "near_m"), rs.getString("safety_grade"), rs.getBoolean("vulnerable"),
                        rs.getInt("elderly"), rs.getInt("children"), rs.getInt("sick"), rs.getInt("disabled"),
                        rs.getInt("pregnant"), rs.getBoolean("living_alone"), Rows.intOrNull(rs, "oldest_age")));
            }
        }
    }

    private static List<String> list(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}

package org.gridmap.risk;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
    static final List<String> COLOURS = RiskColor.CODES;

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
    private final RiskRepository repo;
    private final Audit audit;
    private final ExecutorService executor;
    private final int metricSrid;
    private final org.gridmap.support.Instance instance;

    RiskService(Db db, RiskRepository repo, Audit audit, @Named("risk") ExecutorService executor,
                org.gridmap.support.DeploymentConfig config, org.gridmap.support.Instance instance) {
        this.db = db;
        this.repo = repo;
        this.audit = audit;
        this.executor = executor;
        this.metricSrid = config.metricSrid();
        this.instance = instance;
    }

    @EventListener
    void onStartup(StartupEvent e) {
        int n = db.tx(repo::failInterruptedRuns);
        if (n > 0) {
            LOG.warn("{} 四色 run(s) were interrupted by a stop; marked FAILED, previous results kept", n);
        }
    }

    // ------------------------------------------------------------------------------------------------ scenarios

    public List<Scenario> scenarios() {
        return db.read(repo::scenarios);
    }

    public Scenario scenario(String code) {
        if (code == null || code.isBlank()) {
            throw ProblemException.invalidParameter("scenario", "is required (a scenario code such as R50)");
        }
        return db.read(c -> repo.scenario(c, code)).orElseThrow(() -> ProblemException.notFound("scenario", code));
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
        return db.read(repo::activeRules);
    }

    public RuleSet rules(int version) {
        return db.read(c -> repo.rules(c, version))
                .orElseThrow(() -> ProblemException.notFound("rule set", String.valueOf(version)));
    }

    /** Stores a new rule-set version and re-derives every scenario's current results with it, in one transaction. */
    public RuleSet updateRules(Caller caller, RuleSet r) {
        r.validate();
        int version = db.tx(c -> {
            int v = repo.insertRules(c, r, caller.username());
            repo.rederiveCurrent(c, v);
            audit.record(c, caller.username(), caller.role().name(), "RULES_UPDATED", "risk_rule_set",
                    String.valueOf(v), caller.area(), Map.of("note", r.note() == null ? "" : r.note()), null);
            return v;
        });
        return rules(version);
    }

    // ------------------------------------------------------------------------------------------------ runs

    /** A started run: its id at once, and a future that completes with the finished run. */
    public record Started(long runId, CompletableFuture<Run> done) {}

    /** Starts a run over the whole district. */
    public Started startRun(Caller caller, String scenarioCode) {
        Scenario s = scenario(scenarioCode);
        RuleSet rules = activeRules();
        long runId = db.tx(c -> {
            repo.lockStart(c, s.id());
            var running = repo.running(c, s.id());
            if (running.isPresent()) {
                throw new ProblemException(io.micronaut.http.HttpStatus.CONFLICT, org.gridmap.support.ProblemTypes.CONFLICT,
                        "A run is already running", "run " + running.get() + " of scenario " + s.code() + " is "
                        + "running; watch it at /api/risk/runs/" + running.get() + ", or start another when it ends")
                        .with("run_id", running.get());
            }
            return repo.insertRun(c, s.id(), rules.version(), caller.username(), instance.key());
        });
        return new Started(runId, CompletableFuture.supplyAsync(() -> execute(runId, s, rules.version(), caller),
                executor));
    }

    /**
     * Classifies every scenario that has no current result yet, one after the other, and waits for each: what a
     * fresh installation needs before the map can show any colour.
     *
     * @return the runs made
     */
    public List<Run> classifyUnclassified(Caller caller, java.util.function.Consumer<String> progress) {
        List<Run> out = new java.util.ArrayList<>();
        for (Scenario s : scenarios()) {
            if (s.currentRunId() != null) {
                continue;
            }
            progress.accept("四色计算 / classifying scenario " + s.code() + " (" + s.name() + ") …");
            Run r = startRun(caller, s.code()).done().join();
            progress.accept("  " + r.status() + " in " + (r.counts() instanceof Map<?, ?> m ? m.get("seconds_total")
                    : "?") + " s");
            out.add(r);
        }
        return out;
    }

    /** Runs synchronously (used by the executor, benchmarks and tests). */
    Run execute(long runId, Scenario s, int ruleVersion, Caller caller) {
        long t0 = System.nanoTime();
        try {
            progress(runId, "inputs", 0.05);
            Map<String, Object> counts = db.tx(c -> {
                repo.lockScenario(c, s.id());
                long t1 = System.nanoTime();
                repo.writeInputs(c, runId, s.id(), metricSrid);
                long t2 = System.nanoTime();
                progress(runId, "classifying", 0.6);
                repo.aggregate(c, runId);
                long t3 = System.nanoTime();
                repo.activate(c, s.id(), runId, ruleVersion);
                Map<String, Object> m = runCounts(repo.runCounts(c, runId));
                m.put("seconds_inputs", secs(t2 - t1));
                m.put("seconds_classify", secs(t3 - t2));
                m.put("seconds_total", secs(System.nanoTime() - t0));
                repo.finishRun(c, runId, "SUCCEEDED", null, m);
                audit.record(c, caller.username(), caller.role().name(), "RISK_RUN", "risk_run", String.valueOf(runId),
                        caller.area(), Map.of("scenario", s.code(), "rule_set_version", ruleVersion), null);
                return m;
            });
            db.tx(c -> {
                repo.cleanup(c, s.id());
                return null;
            });
            db.read(c -> {
                repo.analyze(c);
                return null;
            });
            LOG.info("四色 run {} ({}) done: {}", runId, s.code(), counts);
        } catch (RuntimeException e) {
            String cid = UUID.randomUUID().toString();
            LOG.error("[{}] 四色 run {} failed", cid, runId, e);
            db.tx(c -> {
                repo.finishRun(c, runId, "FAILED", "the run failed (correlation id " + cid + "); the previous "
                        + "results are unchanged", Map.of());
                return null;
            });
        }
        return run(runId).orElseThrow();
    }

    private static double secs(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }

    private static Map<String, Object> runCounts(long[] v) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Long> hh = new LinkedHashMap<>();
        Map<String, Long> people = new LinkedHashMap<>();
        for (int k = 0; k < 4; k++) {
            hh.put(COLOURS.get(k), v[k]);
            people.put(COLOURS.get(k), v[4 + k]);
        }
        m.put("households", hh);
        m.put("people", people);
        m.put("buildings_with_inputs", v[8]);
        return m;
    }

    private void progress(long runId, String phase, double p) {
        db.tx(c -> {
            repo.progress(c, runId, phase, p);
            return null;
        });
    }

    public Optional<Run> run(long id) {
        return db.read(c -> repo.run(c, id));
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
        int worst = 10;
        List<AreaCounts> children = new ArrayList<>();
        for (RiskRepository.AreaRow r : db.read(c -> repo.summary(c, childLength, s.currentRunId(), prefix))) {
            for (int k = 0; k < 12; k++) {
                total[k] += r.counts()[k];
            }
            worst = Math.min(worst, r.worstRule());
            children.add(new AreaCounts(r.code(), counts(r.counts(), r.worstRule())));
        }
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
        return new Summary(prefix, s.code(), s.ruleSetVersion(), s.currentRunId(), counts(total, worst),
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
        return households(caller, grid, scenarioCode, color, page, size, null);
    }

    /**
     * The same page with names and phones in clear, for a callable printed list (打印含电话): only for roles that read
     * personal data, with a reason, and audited (REVEAL, with the reason and how many households).
     */
    public Page revealHouseholds(Caller caller, String grid, String scenarioCode, @Nullable String color, int page,
                                 int size, @Nullable String reason) {
        caller.requireHouseholdAccess();
        if (reason == null || reason.strip().length() < 2 || reason.length() > 500) {
            throw ProblemException.invalidParameter("reason", "is required (2–500 characters): say why the phones "
                    + "are printed; it is written to the audit log");
        }
        org.gridmap.support.Texts.check("reason", reason, false);
        return households(caller, grid, scenarioCode, color, page, size, reason.strip());
    }

    private Page households(Caller caller, String grid, String scenarioCode, @Nullable String color, int page, int size,
                            @Nullable String revealReason) {
        caller.requireHouseholdAccess();
        boolean clear = revealReason != null;
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
        long[] total = {0};
        List<HouseholdRisk> out = db.read(c -> repo.households(c, s.ruleSetVersion(), s.currentRunId(), grid, color,
                size, (page - 1) * size, total)).stream().map(h -> {
                    RiskRule rule = RiskRule.of(h.rule());
                    return new HouseholdRisk(h.householdId(), h.buildingId(), h.address(), h.unit(), h.floor(),
                            h.room(), h.members(), rule.color(), rule.name(), h.depthM(), h.effectiveM(),
                            h.vulnerablePeople(), clear ? h.contactName() : Masking.name(h.contactName()),
                            clear ? h.phone() : Masking.phone(h.phone()));
                }).toList();
        if (clear) {
            audit.record(caller, "REVEAL", "grid", grid, Map.of("scenario", s.code(), "households", out.size(),
                    "fields", List.of("contact_name", "phone"), "reason", revealReason));
        } else if (!out.isEmpty()) {
            audit.record(caller, "READ_HOUSEHOLDS", "grid", grid, Map.of("scenario", s.code(), "households",
                    out.size(), "masked", true));
        }
        return new Page(grid, s.code(), color, page, size, total[0], out);
    }

    /** The reason for a building's colour: the explanation of its most urgent household. */
    public Explanation explainBuilding(Caller caller, String buildingId, String scenarioCode) {
        Scenario s = withResults(scenarioCode);
        // One answer for "no such building", "no households" and "outside your area": nothing about the building
        // (or the id of its household) is disclosed to a caller who may not see it.
        String household = db.read(c -> repo.worstHousehold(c, s.ruleSetVersion(), s.currentRunId(), buildingId))
                .orElseThrow(() -> ProblemException.notFound("building", buildingId));
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
        RiskRepository.HouseholdInputs h = db.read(c -> repo.householdInputs(c, s.ruleSetVersion(), s.currentRunId(),
                householdId)).filter(x -> caller.covers(x.scopeCode())).orElseThrow(notFound);
        Explanation e = RiskExplainer.explain(h, s, rules);
        audit.record(caller, "READ_HOUSEHOLDS", "household", householdId, Map.of("scenario", s.code(),
                "purpose", "risk explanation"));
        return e;
    }
}

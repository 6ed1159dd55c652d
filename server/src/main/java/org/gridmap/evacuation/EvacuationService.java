package org.gridmap.evacuation;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.gridmap.risk.RiskService;
import org.gridmap.risk.RuleSet;
import org.gridmap.risk.WarningLevel;
import org.gridmap.routing.RoadNetwork;
import org.gridmap.security.Audit;
import org.gridmap.security.Caller;
import org.gridmap.security.Masking;
import org.gridmap.security.Role;
import org.gridmap.support.Db;
import org.gridmap.support.DeploymentConfig;
import org.gridmap.support.Instance;
import org.gridmap.support.Lock;
import org.gridmap.support.LockRepository;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;
import org.gridmap.support.Sheets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * 转移: flood mode per area (一键转换), transfer plans (who goes to which shelter, with which cadre) computed as jobs,
 * and the tracking of every household to safety.
 *
 * <p>A plan job reads the must-move households and the shelters, allocates ({@link Allocator}), assigns cadres, and
 * writes every transfer in its last transaction: a failed or killed job leaves the transfers as they were. Raising the
 * level runs an EXTEND plan that places only the households not placed yet; closing or filling a shelter runs a
 * REPLACE plan that moves only its households that are not there yet.
 */
@Singleton
public class EvacuationService {
    private static final Logger LOG = LoggerFactory.getLogger(EvacuationService.class);
    private static final String CODE_ALPHABET = CheckInCode.ALPHABET;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Plan(long id, long evacuationId, String area, String scenario, String kind, String warningLevel,
                       String status, @Nullable String phase, double progress, Object counts, @Nullable String message,
                       String createdBy, OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Evacuation(long id, String area, String scenario, String warningLevel, String startedBy,
                             OffsetDateTime startedAt, boolean active, @Nullable Long latestPlanId) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ShelterView(String shelterId, String name, String kind, int capacity, @Nullable Double usableAreaM2,
                              boolean accessible, boolean medical, String status, @Nullable String statusReason,
                              boolean takesHouseholds, @Nullable String notTakingReason,
                              @Nullable Double floodDepthM, @Nullable String address,
                              @Nullable String managerName, @Nullable String managerPhone, int occupancy, int reserved,
                              double occupancyShare, boolean nearlyFull, double lon, double lat,
                              OffsetDateTime updatedAt) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Event(long seq, String status, @Nullable String shelterId, @Nullable String note, String actor,
                        OffsetDateTime at, boolean replayed) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record CheckIn(String code, String householdId, String shelterId, int members, String shelterStatus,
                          boolean alreadyCheckedIn) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record TransferView(long id, String code, String householdId, String buildingId, @Nullable String address,
                               @Nullable Integer unit, int floor, @Nullable String room, int members,
                               int vulnerableMembers, boolean accessibleNeed, String color, String status,
                               @Nullable String unplacedReason, @Nullable String shelterId,
                               @Nullable String shelterName, @Nullable Integer distanceM, @Nullable String cadreName,
                               @Nullable String cadrePhone, @Nullable String contactName, @Nullable String phone,
                               OffsetDateTime updatedAt) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record TransferPage(String grid, int page, int size, long total, List<TransferView> transfers) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Counts(long households, long people, long vulnerablePeople, Map<String, Long> byStatus,
                         Map<String, Long> peopleByStatus, Map<String, Long> unplaced, long withoutCadre) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record AreaCounts(String code, Counts counts) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Summary(String area, Counts total, List<AreaCounts> children, List<ShelterView> shelters) {}

    private final Db db;
    private final EvacuationRepository repo;
    private final RiskService risk;
    private final Audit audit;
    private final ExecutorService executor;
    private final Instance instance;
    private final EvacuationConfig config;
    private final JsonMapper json;
    private final int metricSrid;
    private final RoadNetwork roads;

    EvacuationService(Db db, EvacuationRepository repo, RiskService risk, Audit audit,
                      @Named("evacuation") ExecutorService executor, Instance instance, EvacuationConfig config,
                      JsonMapper json, DeploymentConfig deployment, RoadNetwork roads) {
        this.db = db;
        this.repo = repo;
        this.risk = risk;
        this.audit = audit;
        this.executor = executor;
        this.instance = instance;
        this.config = config;
        this.json = json;
        this.metricSrid = deployment.metricSrid();
        this.roads = roads;
    }

    @EventListener
    void onStartup(StartupEvent e) {
        int n = db.tx(repo::failInterruptedPlans);
        if (n > 0) {
            LOG.warn("{} transfer plan(s) were interrupted by a stop; marked FAILED, transfers kept as they were", n);
        }
    }

    // ------------------------------------------------------------------------------------------------ flood mode

    /** A started plan: its id at once, and a future that completes with the finished plan. */
    public record Started(long planId, CompletableFuture<Plan> done) {}

    /**
     * 一键转换: switches an area into flood mode for a scenario and warning level, or raises the level of the area's
     * active evacuation; either way a plan job places the households not placed yet.
     */
    public Started switchOn(Caller caller, String area, String scenarioCode, String level) {
        requireOffice(caller);
        if (area == null || !area.matches("\\d{6}|\\d{9}")) {
            throw ProblemException.invalidParameter("area", "must be a 6-digit district or 9-digit street code");
        }
        if (!caller.covers(area)) {
            throw ProblemException.notFound("area", area);
        }
        WarningLevel wl = level == null ? null : parseLevel(level);
        if (wl == null) {
            throw ProblemException.invalidParameter("warning_level", "must be IV, III, II or I (蓝/黄/橙/红)");
        }
        RiskService.Scenario s = risk.scenario(scenarioCode);
        if (s.currentRunId() == null) {
            throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "No 四色 results yet",
                    "scenario " + s.code() + " has no 四色 results yet: start a run (POST /api/risk/runs) first");
        }
        long[] ids = db.tx(c -> {
            LockRepository.forTransaction(c, Lock.EVACUATION, 0);
            if (!areaExists(c, area)) {
                throw ProblemException.notFound("area", area);
            }
            List<EvacuationRepository.EvacuationRow> active = repo.activeOverlapping(c, area);
            long evacuationId;
            String kind;
            if (active.isEmpty()) {
                evacuationId = repo.insertEvacuation(c, area, s.id(), wl.name(), caller.username());
                kind = "PLAN";
            } else {
                EvacuationRepository.EvacuationRow e = active.get(0);
                if (!e.area().equals(area)) {
                    throw conflict("Another evacuation covers this area", "area " + e.area() + " is already in "
                            + "flood mode (evacuation " + e.id() + "); raise its level there, or end it first")
                            .with("evacuation_id", e.id());
                }
                if (e.scenarioId() != s.id()) {
                    throw conflict("The area is in flood mode for another scenario", "evacuation " + e.id()
                            + " follows scenario " + e.scenario() + "; end it before switching to " + s.code())
                            .with("evacuation_id", e.id());
                }
                if (wl.rank() > e.levelRank()) {
                    throw conflict("A lower level does not take transfers back", "evacuation " + e.id() + " is at "
                            + "level " + e.warningLevel() + "; households already planned stay in the plan. End the "
                            + "evacuation to stand down").with("evacuation_id", e.id());
                }
                Optional<Long> running = repo.runningPlan(c, e.id());
                if (running.isPresent()) {
                    throw conflict("A plan is being computed", "plan " + running.get() + " of evacuation " + e.id()
                            + " is running; watch it at /api/evacuation/plans/" + running.get())
                            .with("plan_id", running.get());
                }
                evacuationId = e.id();
                kind = "EXTEND"; // the evacuation takes the new level when this plan is written

            }
            long planId = repo.insertPlan(c, evacuationId, kind, wl.name(), caller.username(), instance.key());
            audit.record(c, caller.username(), caller.role().name(), "EVACUATION_" + kind, "evacuation",
                    String.valueOf(evacuationId), caller.area(), Map.of("area", area, "scenario", s.code(),
                            "warning_level", wl.name()), null);
            return new long[] {evacuationId, planId};
        });
        return start(ids[1], ids[0], caller);
    }

    /** Ends an evacuation (stand-down): its transfers stay readable; shelters keep their occupancy. */
    public Evacuation end(Caller caller, long evacuationId) {
        requireOffice(caller);
        EvacuationRepository.EvacuationRow e = visibleEvacuation(caller, evacuationId);
        if (!caller.covers(e.area())) {
            throw ProblemException.forbidden("evacuation " + e.id() + " covers " + e.area() + ", more than your area "
                    + caller.area() + ": the office that switched it on ends it");
        }
        db.tx(c -> {
            LockRepository.forTransaction(c, Lock.EVACUATION, 0);
            if (repo.runningPlan(c, e.id()).isPresent()) {
                throw conflict("A plan is being computed", "wait for evacuation " + e.id() + "'s plan to finish");
            }
            repo.end(c, e.id(), caller.username());
            audit.record(c, caller.username(), caller.role().name(), "EVACUATION_END", "evacuation",
                    String.valueOf(e.id()), caller.area(), Map.of("area", e.area()), null);
            return null;
        });
        return evacuation(caller, evacuationId);
    }

    public List<Evacuation> evacuations(Caller caller) {
        String area = caller.area();
        return db.read(c -> {
            List<Evacuation> out = new ArrayList<>();
            for (EvacuationRepository.EvacuationRow e : repo.activeOverlapping(c, area)) {
                out.add(view(e, repo.latestPlan(c, e.id()).orElse(null)));
            }
            return out;
        });
    }

    public Evacuation evacuation(Caller caller, long id) {
        EvacuationRepository.EvacuationRow e = visibleEvacuation(caller, id);
        return view(e, db.read(c -> repo.latestPlan(c, id)).orElse(null));
    }

    private EvacuationRepository.EvacuationRow visibleEvacuation(Caller caller, long id) {
        return db.read(c -> repo.evacuation(c, id))
                .filter(e -> caller.covers(e.area()) || caller.isInside(e.area()))
                .orElseThrow(() -> ProblemException.notFound("evacuation", String.valueOf(id)));
    }

    private static Evacuation view(EvacuationRepository.EvacuationRow e, Long latest) {
        return new Evacuation(e.id(), e.area(), e.scenario(), e.warningLevel(), e.startedBy(), e.startedAt(),
                e.active(), latest);
    }

    public Optional<Plan> plan(Caller caller, long id) {
        return db.read(c -> repo.plan(c, id)).filter(p -> caller.covers(p.area()) || caller.isInside(p.area()))
                .map(this::plan);
    }

    private Plan plan(EvacuationRepository.PlanRow p) {
        Object counts;
        try {
            counts = json.readValue(p.counts(), Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Plan(p.id(), p.evacuationId(), p.area(), p.scenario(), p.kind(), p.warningLevel(), p.status(),
                p.phase(), p.progress(), counts, p.message(), p.createdBy(), p.startedAt(), p.finishedAt());
    }

    // ------------------------------------------------------------------------------------------------ plan jobs

    private Started start(long planId, long evacuationId, Caller caller) {
        return new Started(planId, CompletableFuture.supplyAsync(() -> execute(planId, evacuationId, caller),
                executor));
    }

    /** Computes and writes one plan (run by the executor; tests call it through {@link Started#done()}). */
    Plan execute(long planId, long evacuationId, Caller caller) {
        long t0 = System.nanoTime();
        try {
            EvacuationRepository.EvacuationRow e = db.read(c -> repo.evacuation(c, evacuationId)).orElseThrow();
            EvacuationRepository.PlanRow planRow = db.read(c -> repo.plan(c, planId)).orElseThrow();
            String kind = planRow.kind();
            progress(planId, "households", 0.05);
            RiskService.Scenario s = risk.scenario(e.scenario());
            RuleSet rules = risk.rules(s.ruleSetVersion());
            List<String> colours = rules.mustMove().get(planRow.warningLevel());
            List<EvacuationRepository.HouseholdRow> households = db.read(c -> "REPLACE".equals(kind)
                    ? repo.toReplace(c, evacuationId, metricSrid, config.shelterMaxDepthM())
                    : repo.mustMove(c, s.ruleSetVersion(), s.currentRunId(), e.area(), colours, evacuationId,
                    metricSrid));
            long t1 = System.nanoTime();
            progress(planId, "shelters", 0.2);
            // A household being moved frees its reserved place first.
            Map<Long, Integer> freed = new HashMap<>();
            List<EvacuationRepository.ShelterRow> shelterRows = db.read(c -> repo.shelters(c, metricSrid, s.id()));
            if ("REPLACE".equals(kind)) {
                Map<Long, Long> placedIn = db.read(c -> placedShelters(c, households));
                households.forEach(h -> freed.merge(placedIn.getOrDefault(h.transferId(), -1L), h.members(),
                        Integer::sum));
            }
            List<Allocator.Shelter> shelters = new ArrayList<>();
            Map<Long, EvacuationRepository.ShelterRow> byId = new HashMap<>();
            for (EvacuationRepository.ShelterRow r : shelterRows) {
                byId.put(r.id(), r);
                if (r.accepting() && !flooded(r)) {
                    int remaining = r.capacity() - r.occupancy() - r.reserved() + freed.getOrDefault(r.id(), 0);
                    shelters.add(new Allocator.Shelter(r.id(), r.mx(), r.my(), remaining, r.accessible()));
                }
            }
            progress(planId, "routes", 0.25);
            Optional<RoadNetwork.Matrix> matrix = roads.matrix(s.id(),
                    households.stream().map(EvacuationRepository.HouseholdRow::building).distinct().toList(),
                    shelters.stream().map(Allocator.Shelter::id).toList(),
                    shelters.stream().filter(Allocator.Shelter::accessible).map(Allocator.Shelter::id).toList());
            Allocator.Cost cost = matrix.<Allocator.Cost>map(m -> (h, sh) -> m.metres(h.building(), sh.id()))
                    .orElse(Allocator.STRAIGHT_LINE);
            long tRoutes = System.nanoTime();
            progress(planId, "allocating", 0.4);
            List<Allocator.Household> input = households.stream().map(h -> new Allocator.Household(h.id(),
                    h.building(), h.colorRank() - 1, h.members(), h.accessibleNeed(), h.x(), h.y())).toList();
            Allocator.Result result = new Allocator(config.candidateShelters(), cost).allocate(input, shelters);
            long t2 = System.nanoTime();
            progress(planId, "cadres", 0.7);
            Map<Long, Long> cadreOf = db.read(c -> assignCadres(c, e.area(), households));
            long t3 = System.nanoTime();
            progress(planId, "writing", 0.8);
            Map<Long, Allocator.Placement> placed = result.byHousehold();
            List<EvacuationRepository.TransferWrite> writes = new ArrayList<>(households.size());
            for (EvacuationRepository.HouseholdRow h : households) {
                Allocator.Placement p = placed.get(h.id());
                writes.add(new EvacuationRepository.TransferWrite(h.id(), h.color(), h.members(), h.accessibleNeed(),
                        p.shelter(), p.shelter() == null ? null : (int) Math.round(p.distanceM()),
                        p.reason() == null ? null : p.reason().name(), cadreOf.get(h.id()), newCode()));
            }
            Map<String, Object> counts = counts(households, result, cadreOf, byId, this::flooded);
            counts.put("distance", matrix.isPresent()
                    ? "road (pgRouting), avoiding roads in water deeper than the routing limit"
                    : "straight line between building and shelter (no road network)");
            counts.put("distance_kind", matrix.isPresent() ? "road" : "straight");
            matrix.ifPresent(m -> counts.put("flooded_road_edges", m.floodedEdges()));
            counts.put("seconds_read", secs(t1 - t0));
            counts.put("seconds_routes", secs(tRoutes - t1));
            counts.put("seconds_allocate", secs(t2 - tRoutes));
            counts.put("seconds_cadres", secs(t3 - t2));
            db.tx(c -> {
                // The evacuation's row first: plans of one evacuation are written one after the other.
                repo.setLevel(c, evacuationId, "REPLACE".equals(kind) ? e.warningLevel() : planRow.warningLevel());
                long tw = System.nanoTime();
                repo.writeTransfers(c, evacuationId, planId, writes);
                counts.put("seconds_write", secs(System.nanoTime() - tw));
                counts.put("seconds_total", secs(System.nanoTime() - t0));
                repo.finishPlan(c, planId, "SUCCEEDED", null, toJson(counts));
                audit.record(c, caller.username(), caller.role().name(), "TRANSFER_PLAN", "transfer_plan",
                        String.valueOf(planId), caller.area(), Map.of("evacuation", evacuationId, "kind", kind,
                                "households", households.size()), null);
                return null;
            });
            LOG.info("transfer plan {} ({} of evacuation {}) done: {}", planId, kind, evacuationId, counts);
        } catch (RuntimeException ex) {
            String cid = UUID.randomUUID().toString();
            LOG.error("[{}] transfer plan {} failed", cid, planId, ex);
            db.tx(c -> {
                repo.finishPlan(c, planId, "FAILED", "the plan failed (correlation id " + cid + "); the transfers "
                        + "are as they were before it", "{}");
                return null;
            });
        }
        return db.read(c -> repo.plan(c, planId)).map(this::plan).orElseThrow();
    }

    private Map<Long, Long> placedShelters(Connection c, List<EvacuationRepository.HouseholdRow> households)
            throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        for (EvacuationRepository.HouseholdRow h : households) {
            repo.lockTransfer(c, h.transferId(), null).ifPresent(t -> {
                if (t.shelterId() != null) {
                    out.put(t.id(), t.shelterId());
                }
            });
        }
        return out;
    }

    /**
     * 包户干部: per grid, households in order of urgency (as given), each to the least-loaded of its building's own
     * chiefs and then of the grid's chiefs, workers and cadres, at most {@code householdsPerCadre} each.
     */
    private Map<Long, Long> assignCadres(Connection c, String area, List<EvacuationRepository.HouseholdRow> households)
            throws SQLException {
        List<EvacuationRepository.CadreRow> cadres = repo.cadres(c, area);
        Map<Long, long[]> load = new HashMap<>();
        Map<Long, List<Long>> byBuilding = new HashMap<>();
        Map<String, List<Long>> byGrid = new HashMap<>();
        for (EvacuationRepository.CadreRow r : cadres) {
            load.put(r.id(), new long[] {r.load()});
            if (r.buildingId() != null) {
                byBuilding.computeIfAbsent(r.buildingId(), k -> new ArrayList<>()).add(r.id());
            } else if (r.gridCode() != null) {
                byGrid.computeIfAbsent(r.gridCode(), k -> new ArrayList<>()).add(r.id());
            }
        }
        int max = config.householdsPerCadre();
        Map<Long, Long> out = new HashMap<>();
        Comparator<Long> leastLoaded = Comparator.comparingLong((Long id) -> load.get(id)[0]).thenComparing(id -> id);
        for (EvacuationRepository.HouseholdRow h : households) {
            if (h.transferId() != null) {
                continue; // already in the plan: keeps its cadre
            }
            Long chosen = null;
            for (List<Long> pool : List.of(byBuilding.getOrDefault(h.building(), List.of()),
                    byGrid.getOrDefault(h.scope(), List.of()))) {
                chosen = pool.stream().filter(id -> load.get(id)[0] < max).min(leastLoaded).orElse(null);
                if (chosen != null) {
                    break;
                }
            }
            if (chosen != null) {
                load.get(chosen)[0]++;
                out.put(h.id(), chosen);
            }
        }
        return out;
    }

    private boolean flooded(EvacuationRepository.ShelterRow r) {
        return r.zoneDepthM() != null && r.zoneDepthM() > config.shelterMaxDepthM();
    }

    private static Map<String, Object> counts(List<EvacuationRepository.HouseholdRow> households,
                                              Allocator.Result result, Map<Long, Long> cadreOf,
                                              Map<Long, EvacuationRepository.ShelterRow> shelters,
                                              java.util.function.Predicate<EvacuationRepository.ShelterRow> flooded) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<Long, Allocator.Placement> placed = result.byHousehold();
        long people = 0;
        long placedHouseholds = 0;
        long placedPeople = 0;
        double personMetres = 0;
        double maxDistance = 0;
        long withCadre = 0;
        Map<String, Map<String, Long>> unplacedByStreet = new TreeMap<>();
        for (EvacuationRepository.HouseholdRow h : households) {
            people += h.members();
            Allocator.Placement p = placed.get(h.id());
            if (p.shelter() != null) {
                placedHouseholds++;
                placedPeople += h.members();
                personMetres += h.members() * p.distanceM();
                maxDistance = Math.max(maxDistance, p.distanceM());
            } else {
                String street = h.scope().length() >= 9 ? h.scope().substring(0, 9) : h.scope();
                unplacedByStreet.computeIfAbsent(street, k -> new TreeMap<>()).merge(p.reason().name(), 1L, Long::sum);
            }
            if (cadreOf.containsKey(h.id()) || h.transferId() != null) {
                withCadre++;
            }
        }
        double lbMetres = result.tiers().stream().mapToDouble(Allocator.TierFigures::lowerBoundPersonMetres).sum();
        long lbPeople = result.tiers().stream().mapToLong(Allocator.TierFigures::lowerBoundPeople).sum();
        m.put("households", (long) households.size());
        m.put("people", people);
        m.put("placed_households", placedHouseholds);
        m.put("placed_people", placedPeople);
        m.put("unplaced_households", households.size() - placedHouseholds);
        m.put("unplaced_by_street", unplacedByStreet);
        m.put("total_distance_person_km", Math.round(personMetres / 100) / 10.0);
        m.put("mean_distance_m", placedPeople == 0 ? 0 : Math.round(personMetres / placedPeople));
        m.put("max_distance_m", Math.round(maxDistance));
        m.put("lower_bound_person_km", Math.round(lbMetres / 100) / 10.0);
        m.put("lower_bound_people", lbPeople);
        m.put("lower_bound_scope", result.allShelterArcs() ? "all eligible shelters"
                : "the nearest eligible shelters of each building");
        m.put("households_with_cadre", withCadre);
        m.put("households_without_cadre", households.size() - withCadre);
        m.put("shelters_used", placed.values().stream().filter(p -> p.shelter() != null).map(Allocator.Placement::shelter)
                .distinct().count());
        m.put("shelters_not_taking", shelters.values().stream().filter(r -> !r.accepting() || flooded.test(r))
                .map(EvacuationRepository.ShelterRow::shelterId).sorted().toList());
        m.put("seconds_solver", secs((long) (result.seconds() * 1e9)));
        return m;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double secs(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }

    private void progress(long planId, String phase, double p) {
        db.tx(c -> {
            repo.progress(c, planId, phase, p);
            return null;
        });
    }

    private static String newCode() {
        char[] out = new char[10];
        for (int k = 0; k < out.length; k++) {
            out[k] = CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length()));
        }
        return new String(out);
    }

    // ------------------------------------------------------------------------------------------------ shelters

    public List<ShelterView> shelters(Caller caller) {
        Long scenario = activeScenario(caller);
        return db.read(c -> repo.shelters(c, metricSrid, scenario)).stream().map(this::view).toList();
    }

    private Long activeScenario(Caller caller) {
        String area = caller.area().isEmpty() ? "" : caller.area();
        return db.read(c -> repo.activeOverlapping(c, area)).stream().findFirst()
                .map(EvacuationRepository.EvacuationRow::scenarioId).orElse(null);
    }

    private ShelterView view(EvacuationRepository.ShelterRow r) {
        String notTaking = null;
        if (flooded(r)) {
            notTaking = String.format(Locale.ROOT, "位于淹没区（水深 %.1f m）/ inside a flood zone (%.1f m deep)",
                    r.zoneDepthM(), r.zoneDepthM());
        } else if (!r.accepting()) {
            ShelterStatus st = ShelterStatus.parse(r.status());
            notTaking = (st == null ? r.status() : st.zh() + " / " + st.en())
                    + (r.statusReason() == null ? "" : ": " + r.statusReason());
        }
        double share = r.capacity() == 0 ? 1 : (double) r.occupancy() / r.capacity();
        return new ShelterView(r.shelterId(), r.name(), r.kind(), r.capacity(), r.usableAreaM2(), r.accessible(),
                r.medical(), r.status(), r.statusReason(), notTaking == null, notTaking,
                flooded(r) ? r.zoneDepthM() : null, r.address(),
                Masking.name(r.managerName()), Masking.phone(r.managerPhone()), r.occupancy(), r.reserved(),
                Math.round(share * 1000) / 1000.0, share >= config.occupancyWarning(), r.lon(), r.lat(),
                r.updatedAt());
    }

    /** Edits a shelter. Closing or filling it re-places its households that are not there yet (REPLACE plans). */
    public ShelterView updateShelter(Caller caller, String shelterCode, @Nullable String status, @Nullable String reason,
                                     @Nullable Integer capacity, @Nullable Double usableArea,
                                     @Nullable Boolean accessible, @Nullable Boolean medical,
                                     @Nullable String managerName, @Nullable String managerPhone) {
        // Shelters serve the whole district: the district office (or an administrator) edits them.
        if (caller.role() != Role.ADMIN && caller.role() != Role.DISTRICT_OFFICE) {
            throw ProblemException.forbidden("only ADMIN and DISTRICT_OFFICE edit shelters");
        }
        if (status != null && ShelterStatus.parse(status) == null) {
            throw ProblemException.invalidParameter("status", "must be STANDBY, OPEN, FULL or CLOSED");
        }
        if (capacity != null && (capacity < 0 || capacity > 100_000)) {
            throw ProblemException.invalidParameter("capacity", "0 to 100,000 people");
        }
        if (usableArea != null && !(usableArea > 0 && usableArea <= 1_000_000)) {
            throw ProblemException.invalidParameter("usable_area_m2", "more than 0 and at most 1,000,000 m²");
        }
        Integer cap = capacity != null ? capacity
                : usableArea != null ? (int) Math.floor(usableArea / config.areaPerPersonShortM2()) : null;
        boolean stops = status != null && !ShelterStatus.parse(status).accepting();
        db.tx(c -> {
            LockRepository.forTransaction(c, Lock.EVACUATION, 0);
            try {
                repo.updateShelter(c, shelterCode, status, reason, cap, usableArea, accessible, medical, managerName,
                        managerPhone).orElseThrow(() -> ProblemException.notFound("shelter", shelterCode));
            } catch (SQLException e) {
                if ("23514".equals(e.getSQLState())) {
                    throw conflict("Capacity below occupancy", "shelter " + shelterCode + " already holds more "
                            + "people than " + cap + "; check people out first");
                }
                throw e;
            }
            audit.record(c, caller.username(), caller.role().name(), "SHELTER_UPDATED", "shelter", shelterCode,
                    caller.area(), Map.of("status", status == null ? "" : status), null);
            return null;
        });
        if (stops) {
            // Queued behind any plan already running (one executor thread): it re-reads the shelters when it runs.
            replaceAll(caller);
        }
        return shelters(caller).stream().filter(s -> s.shelterId().equals(shelterCode)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------------------------------------ tracking

    /**
     * A field update (notified, moving, with relatives, refused, unreachable, returned). A retried request with the
     * same client key returns the event it made, and two cadres updating one household are serialised on its row.
     */
    public Event recordEvent(Caller caller, long transferId, String status, @Nullable String note,
                             @Nullable String clientKey) {
        caller.requireHouseholdAccess();
        TransferStatus next = TransferStatus.parse(status);
        if (next == null || next == TransferStatus.ARRIVED) {
            throw ProblemException.invalidParameter("status", "must be NOTIFIED, MOVING, WITH_RELATIVES, RETURNED, "
                    + "REFUSED or UNREACHABLE (ARRIVED is a check-in: POST /api/evacuation/check-ins)");
        }
        checkKey(clientKey);
        if (note != null && note.length() > 500) {
            throw ProblemException.invalidParameter("note", "at most 500 characters");
        }
        if (next.needsNote() && (note == null || note.isBlank())) {
            throw ProblemException.invalidParameter("note", next == TransferStatus.REFUSED
                    ? "say why the household refuses (拒绝原因)" : "say where the household stays (投亲靠友地址)");
        }
        return db.tx(c -> {
            EvacuationRepository.TransferLock t = repo.lockTransfer(c, transferId, null)
                    .filter(x -> caller.covers(x.scope()))
                    .orElseThrow(() -> ProblemException.notFound("transfer", String.valueOf(transferId)));
            if (clientKey != null) {
                Optional<EvacuationRepository.EventRow> seen = repo.eventByKey(c, t.id(), clientKey);
                if (seen.isPresent()) {
                    return event(c, seen.get(), true);
                }
            }
            TransferStatus now = TransferStatus.parse(t.status());
            if (!t.active()) {
                throw conflict("The evacuation has ended", "transfer " + t.id() + " belongs to an ended evacuation");
            }
            if (!now.next().contains(next)) {
                throw conflict("Not a next step", "a transfer that is " + now.zh() + " (" + now + ") cannot become "
                        + next.zh() + " (" + next + ")").with("status", now.name());
            }
            if (now == TransferStatus.ARRIVED && t.arrivedShelterId() != null) {
                repo.releaseFromShelter(c, t.arrivedShelterId(), t.members());
            }
            int seq = t.eventSeq() + 1;
            EvacuationRepository.EventRow ev = repo.insertEvent(c, t.id(), seq, next.name(), null, note,
                    caller.username(), clientKey);
            repo.setStatus(c, t.id(), next.name(), now == TransferStatus.ARRIVED ? null : t.arrivedShelterId(), seq);
            return event(c, ev, false);
        });
    }

    /**
     * 安置点签到: checks a household in at a shelter by its transfer code. Occupancy never passes capacity: a full
     * shelter answers 409 with the nearest shelters that have room.
     */
    public CheckIn checkIn(Caller caller, String shelterCode, String code, @Nullable String clientKey) {
        caller.requireHouseholdAccess();
        String normal = CheckInCode.normal(code);
        if (normal == null) {
            throw ProblemException.invalidParameter("code", "the 10-character code on the transfer sheet");
        }
        checkKey(clientKey);
        CheckIn done = db.tx(c -> {
            long shelter = repo.shelterId(c, shelterCode)
                    .orElseThrow(() -> ProblemException.notFound("shelter", shelterCode));
            EvacuationRepository.TransferLock t = repo.lockTransfer(c, null, normal)
                    .orElseThrow(() -> ProblemException.notFound("transfer code", normal));
            String household = t.householdCode();
            TransferStatus now = TransferStatus.parse(t.status());
            if (now == TransferStatus.ARRIVED) {
                if (t.arrivedShelterId() != null && t.arrivedShelterId() == shelter) {
                    return new CheckIn(normal, household, shelterCode, t.members(), "", true);
                }
                throw conflict("Already checked in elsewhere", "this household is already checked in at another "
                        + "shelter; check it out there first (RETURNED) if it moved");
            }
            if (!t.active()) {
                throw conflict("The evacuation has ended", "this transfer belongs to an ended evacuation");
            }
            if (now == TransferStatus.RETURNED) {
                throw conflict("Already returned", "this household has returned home");
            }
            Optional<String> taken = repo.takeIntoShelter(c, shelter, t.members());
            if (taken.isEmpty()) {
                throw full(c, shelter, shelterCode, t.members(), t.accessibleNeed());
            }
            int seq = t.eventSeq() + 1;
            repo.insertEvent(c, t.id(), seq, TransferStatus.ARRIVED.name(), shelter, null, caller.username(),
                    clientKey);
            repo.setStatus(c, t.id(), TransferStatus.ARRIVED.name(), shelter, seq);
            return new CheckIn(normal, household, shelterCode, t.members(), taken.get(), false);
        });
        ShelterStatus now = ShelterStatus.parse(done.shelterStatus());
        if (now != null && !now.accepting()) {
            replaceAll(caller); // the shelter just filled: its households not there yet go elsewhere
        }
        return done;
    }

    /** Queues a REPLACE plan for every active evacuation. */
    private void replaceAll(Caller caller) {
        List<long[]> plans = db.tx(c -> {
            LockRepository.forTransaction(c, Lock.EVACUATION, 0);
            List<long[]> out = new ArrayList<>();
            for (EvacuationRepository.EvacuationRow e : repo.activeOverlapping(c, "")) {
                out.add(new long[] {repo.insertPlan(c, e.id(), "REPLACE", e.warningLevel(), caller.username(),
                        instance.key()), e.id()});
            }
            return out;
        });
        plans.forEach(p -> start(p[0], p[1], caller));
    }

    private static Event event(Connection c, EvacuationRepository.EventRow e, boolean replayed) {
        return new Event(e.seq(), e.status(), e.shelterCode(), e.note(), e.actor(), e.at(), replayed);
    }

    private static void checkKey(String key) {
        if (key != null && !key.matches("[A-Za-z0-9_.:-]{8,100}")) {
            throw ProblemException.invalidParameter("Idempotency-Key", "8 to 100 letters, digits, _ . : or -");
        }
    }

    /** 409 for a full shelter, with the nearest shelters that have room for these people. */
    private ProblemException full(Connection c, long shelter, String shelterCode, int members, boolean accessible)
            throws SQLException {
        List<EvacuationRepository.NextShelter> next = repo.nextShelters(c, shelter, members, accessible, 3);
        List<Map<String, Object>> suggestions = new ArrayList<>();
        for (EvacuationRepository.NextShelter n : next) {
            suggestions.add(Map.of("shelter_id", n.shelterId(), "name", n.name(), "room", n.room(),
                    "distance_m", n.distanceM()));
        }
        return conflict("The shelter is full", "shelter " + shelterCode + " has no room for " + members
                + " more people" + (next.isEmpty() ? "; no other shelter has room now"
                : "; nearest with room: " + next.get(0).name() + " (" + next.get(0).shelterId() + ", "
                + next.get(0).distanceM() + " m)")).with("suggestions", suggestions);
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record WalkIn(long id, String shelterId, int members, @Nullable String shelterStatus, boolean replayed) {}

    /**
     * 现场登记: registers people who arrived at a shelter without a transfer; they take places at once (capacity
     * checked as for check-ins, 409 with suggestions when full). The same Idempotency-Key registers them once.
     */
    public WalkIn walkIn(Caller caller, String shelterCode, @Nullable Integer members, @Nullable Integer vulnerable,
                         @Nullable String name, @Nullable String phone, @Nullable String cameFrom,
                         @Nullable String note, @Nullable String clientKey) {
        caller.requireHouseholdAccess();
        checkKey(clientKey);
        if (members == null || members < 1 || members > 50) {
            throw ProblemException.invalidParameter("members", "the number of people, 1 to 50");
        }
        int v = vulnerable == null ? 0 : vulnerable;
        if (v < 0 || v > members) {
            throw ProblemException.invalidParameter("vulnerable", "0 to the number of people");
        }
        String n = text("contact_name", name, 64);
        String p = phone == null || phone.isBlank() ? null : phone.strip();
        if (p != null && !p.matches("[0-9+ -]{3,20}")) {
            throw ProblemException.invalidParameter("phone", "digits, spaces, + and -, at most 20");
        }
        String from = text("came_from", cameFrom, 200);
        String why = text("note", note, 500);
        WalkIn done = db.tx(c -> {
            if (clientKey != null) {
                Optional<EvacuationRepository.WalkInRow> seen = repo.walkInByKey(c, clientKey);
                if (seen.isPresent()) {
                    return new WalkIn(seen.get().id(), seen.get().shelterCode(), seen.get().members(), null, true);
                }
            }
            long shelter = repo.shelterId(c, shelterCode)
                    .orElseThrow(() -> ProblemException.notFound("shelter", shelterCode));
            Optional<String> taken = repo.takeIntoShelter(c, shelter, members);
            if (taken.isEmpty()) {
                throw full(c, shelter, shelterCode, members, false);
            }
            long id = repo.insertWalkIn(c, shelter, members, v, n, p, from, why, clientKey, caller.username());
            return new WalkIn(id, shelterCode, members, taken.get(), false);
        });
        if (!done.replayed()) {
            audit.record(caller, "WALK_IN", "shelter", shelterCode, Map.of("members", members));
            ShelterStatus now = ShelterStatus.parse(done.shelterStatus());
            if (now != null && !now.accepting()) {
                replaceAll(caller); // the shelter just filled: its households not there yet go elsewhere
            }
        }
        return done;
    }

    private static String text(String parameter, @Nullable String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = org.gridmap.support.Texts.check(parameter, s.strip(), parameter.equals("note"));
        if (t.length() > max) {
            throw ProblemException.invalidParameter(parameter, "at most " + max + " characters");
        }
        return t;
    }

    public List<Event> events(Caller caller, long transferId) {
        caller.requireHouseholdAccess();
        return db.read(c -> {
            repo.lockTransfer(c, transferId, null).filter(x -> caller.covers(x.scope()))
                    .orElseThrow(() -> ProblemException.notFound("transfer", String.valueOf(transferId)));
            List<Event> out = new ArrayList<>();
            for (EvacuationRepository.EventRow e : repo.events(c, transferId)) {
                out.add(event(c, e, false));
            }
            return out;
        });
    }

    // ------------------------------------------------------------------------------------------------ reads

    public TransferPage transfersOfGrid(Caller caller, String grid, int page, int size) {
        caller.requireHouseholdAccess();
        if (grid == null || !grid.matches("\\d{15}")) {
            throw ProblemException.invalidParameter("grid", "must be a 15-digit grid code");
        }
        if (!caller.covers(grid)) {
            throw ProblemException.notFound("grid", grid);
        }
        if (page < 1 || size < 1 || size > 500) {
            throw ProblemException.invalidParameter("page/size", "page ≥ 1 and 1 ≤ size ≤ 500");
        }
        List<EvacuationRepository.GridTransferRow> rows = db.read(c -> repo.transfersOfGrid(c, grid, size,
                (page - 1) * size));
        List<TransferView> out = rows.stream().map(r -> new TransferView(r.id(), r.code(), r.householdId(),
                r.buildingId(), r.address(), r.unit(), r.floor(), r.room(), r.members(), r.vulnerablePeople(),
                r.accessibleNeed(), r.color(), r.status(), r.unplacedReason(), r.shelterId(), r.shelterName(),
                r.distanceM(), r.cadreName(), Masking.phone(r.cadrePhone()), Masking.name(r.contactName()),
                Masking.phone(r.phone()), r.updatedAt())).toList();
        if (!out.isEmpty()) {
            audit.record(caller, "READ_HOUSEHOLDS", "grid", grid, Map.of("purpose", "transfer list",
                    "households", out.size(), "masked", true));
        }
        return new TransferPage(grid, page, size, rows.isEmpty() ? 0 : rows.get(0).total(), out);
    }

    /**
     * A grid's evacuation routes as a GeoJSON FeatureCollection: one road route per building and shelter its
     * households go to (access legs included), with households, people and length. Empty features when the
     * deployment has no road network (the plan then says its distances are straight lines).
     */
    public Map<String, Object> gridRoutes(Caller caller, String grid) {
        caller.requireHouseholdAccess();
        if (grid == null || !grid.matches("\\d{15}")) {
            throw ProblemException.invalidParameter("grid", "must be a 15-digit grid code");
        }
        if (!caller.covers(grid)) {
            throw ProblemException.notFound("grid", grid);
        }
        List<EvacuationRepository.RoutePairRow> pairs = db.read(c -> repo.gridRoutes(c, grid));
        Map<Long, List<EvacuationRepository.RoutePairRow>> byScenario = new TreeMap<>();
        pairs.forEach(p -> byScenario.computeIfAbsent(p.scenarioId(), k -> new ArrayList<>()).add(p));
        List<Object> features = new ArrayList<>();
        byScenario.forEach((scenario, list) -> {
            Map<String, RoadNetwork.Route> routes = new HashMap<>();
            for (RoadNetwork.Route r : roads.routes(scenario,
                    list.stream().map(p -> new long[]{p.building(), p.shelter()}).toList())) {
                routes.put(r.building() + ":" + r.shelter(), r);
            }
            for (EvacuationRepository.RoutePairRow p : list) {
                RoadNetwork.Route r = routes.get(p.building() + ":" + p.shelter());
                if (r == null) {
                    continue;
                }
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("building_id", p.buildingCode());
                props.put("address", p.address());
                props.put("shelter_id", p.shelterCode());
                props.put("shelter_name", p.shelterName());
                props.put("households", p.households());
                props.put("people", p.people());
                props.put("length_m", Math.round(r.metres()));
                props.put("access_m", Math.round(r.accessMetres()));
                props.put("via", r.via());
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("type", "Feature");
                f.put("geometry", r.geometry());
                f.put("properties", props);
                features.add(f);
            }
        });
        Map<String, Object> fc = new LinkedHashMap<>();
        fc.put("type", "FeatureCollection");
        fc.put("grid", grid);
        fc.put("distance_kind", roads.usable() ? "road" : "straight");
        fc.put("features", features);
        return fc;
    }

    /** At most this many transfers in one export (a district's whole list fits; more is refused, not cut). */
    static final int EXPORT_CAP = 300_000;

    /**
     * The dashboard as tables for export: per child area (households and people by status, vulnerable people,
     * unplaced, without cadre) and the shelters; with {@code transfers}, every transfer of the area with contacts
     * masked (one more sheet). Every export is audited.
     */
    public List<Sheets.Table> export(Caller caller, @Nullable String area, boolean transfers,
                                                         String format) {
        Summary s = summary(caller, area);
        Map<String, String> names = db.read(c -> repo.areaNames(c, s.area()));
        List<String> statuses = java.util.Arrays.stream(TransferStatus.values()).map(Enum::name).toList();
        List<String> head = new ArrayList<>(List.of("代码 code", "名称 name", "户数 households", "人数 people",
                "重点人群 vulnerable people"));
        statuses.forEach(x -> head.add(TransferStatus.valueOf(x).zh() + " " + x));
        head.addAll(List.of("未安置 unplaced", "无包户干部 without cadre"));
        List<List<Object>> rows = new ArrayList<>();
        java.util.function.BiConsumer<String, Counts> row = (code, k) -> {
            List<Object> r = new ArrayList<>(List.of(code, names.getOrDefault(code, code.isEmpty() ? "全部" : code),
                    k.households(), k.people(), k.vulnerablePeople()));
            statuses.forEach(x -> r.add(k.byStatus().getOrDefault(x, 0L)));
            r.add(k.unplaced().values().stream().mapToLong(Long::longValue).sum());
            r.add(k.withoutCadre());
            rows.add(r);
        };
        row.accept(s.area(), s.total());
        s.children().forEach(a -> row.accept(a.code(), a.counts()));
        List<Sheets.Table> out = new ArrayList<>();
        out.add(new Sheets.Table("转移进度 progress", head, rows));
        List<List<Object>> shelterRows = new ArrayList<>();
        for (ShelterView v : s.shelters()) {
            shelterRows.add(java.util.Arrays.asList(v.shelterId(), v.name(), v.kind(), v.status(), v.capacity(),
                    v.occupancy(), v.reserved(), v.takesHouseholds() ? "是" : "否", v.address(), v.managerName(),
                    v.managerPhone()));
        }
        out.add(new Sheets.Table("安置点 shelters", List.of("编号 id", "名称 name", "类型 kind",
                "状态 status", "容量 capacity", "已入住 occupancy", "已分配未到 reserved", "接收 taking", "地址 address",
                "负责人 manager", "电话 phone"), shelterRows));
        long exported = 0;
        if (transfers) {
            caller.requireHouseholdAccess();
            List<EvacuationRepository.GridTransferRow> list = db.read(c -> repo.transfersOfArea(c, s.area(),
                    EXPORT_CAP + 1));
            if (list.size() > EXPORT_CAP) {
                throw ProblemException.badRequest(org.gridmap.support.ProblemTypes.BAD_REQUEST, "Export too large",
                        "more than " + EXPORT_CAP + " transfers: export a street or community at a time");
            }
            List<List<Object>> tr = new ArrayList<>();
            for (EvacuationRepository.GridTransferRow r : list) {
                tr.add(java.util.Arrays.asList(r.code(), r.householdId(), r.buildingId(), r.address(), r.unit(),
                        r.floor(), r.room(), r.members(), r.vulnerablePeople(), r.color(), r.status(),
                        r.unplacedReason(), r.shelterId(), r.shelterName(), r.distanceM(), r.cadreName(),
                        Masking.phone(r.cadrePhone()), Masking.name(r.contactName()), Masking.phone(r.phone())));
            }
            exported = tr.size();
            out.add(new Sheets.Table("转移清单 transfers", List.of("签到码 code", "户编号 household",
                    "楼栋 building", "地址 address", "单元 unit", "楼层 floor", "房号 room", "人数 members",
                    "重点人群 vulnerable", "四色 colour", "状态 status", "未安置原因 unplaced", "安置点 shelter id",
                    "安置点 shelter", "路程(米) distance m", "包户干部 cadre", "干部电话 cadre phone",
                    "联系人 contact", "电话 phone"), tr));
        }
        audit.record(caller, "EXPORT", "evacuation", s.area().isEmpty() ? "all" : s.area(), Map.of("format", format,
                "transfers", exported, "masked", true));
        return out;
    }

    /** The live figures of active evacuations in the caller's area (or a part of it), by child area and shelter. */
    public Summary summary(Caller caller, @Nullable String area) {
        String prefix = area != null && caller.covers(area) ? area : caller.area();
        if (area != null && !area.matches("\\d{6}|\\d{9}|\\d{12}|\\d{15}")) {
            throw ProblemException.invalidParameter("area", "a 6-, 9-, 12- or 15-digit area or grid code");
        }
        if (area != null && !caller.covers(area)) {
            throw ProblemException.notFound("area", area);
        }
        int childLength = prefix.isEmpty() ? 6 : prefix.length() == 6 ? 9 : prefix.length() == 9 ? 12 : 15;
        List<EvacuationRepository.SummaryRow> rows = db.read(c -> repo.summary(c, childLength, prefix));
        Map<String, List<EvacuationRepository.SummaryRow>> byChild = new TreeMap<>();
        rows.forEach(r -> byChild.computeIfAbsent(r.code(), k -> new ArrayList<>()).add(r));
        List<AreaCounts> children = new ArrayList<>();
        byChild.forEach((code, list) -> children.add(new AreaCounts(code, counts(list))));
        return new Summary(prefix, counts(rows), children, shelters(caller));
    }

    private static Counts counts(List<EvacuationRepository.SummaryRow> rows) {
        long hh = 0;
        long people = 0;
        long vuln = 0;
        long noCadre = 0;
        Map<String, Long> byStatus = new LinkedHashMap<>();
        Map<String, Long> peopleByStatus = new LinkedHashMap<>();
        for (TransferStatus s : TransferStatus.values()) {
            byStatus.put(s.name(), 0L);
            peopleByStatus.put(s.name(), 0L);
        }
        Map<String, Long> unplaced = new LinkedHashMap<>();
        for (EvacuationRepository.SummaryRow r : rows) {
            hh += r.households();
            people += r.people();
            vuln += r.vulnerablePeople();
            noCadre += r.noCadre();
            byStatus.merge(r.status(), r.households(), Long::sum);
            peopleByStatus.merge(r.status(), r.people(), Long::sum);
            if (r.unplaced()) {
                unplaced.merge(r.unplacedReason(), r.households(), Long::sum);
            }
        }
        return new Counts(hh, people, vuln, byStatus, peopleByStatus, unplaced, noCadre);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void requireOffice(Caller caller) {
        if (caller.role() != Role.ADMIN && caller.role() != Role.DISTRICT_OFFICE && caller.role() != Role.STREET_STAFF) {
            throw ProblemException.forbidden("only ADMIN, DISTRICT_OFFICE and STREET_STAFF (for their street) "
                    + "switch flood mode");
        }
    }

    private static WarningLevel parseLevel(String level) {
        try {
            return WarningLevel.valueOf(level.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean areaExists(Connection c, String area) throws SQLException {
        return repo.areaExists(c, area);
    }

    private static ProblemException conflict(String title, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, title, detail);
    }
}

package org.gridmap.redistricting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Singleton;
import org.gridmap.coverage.CoverageConfig;
import org.gridmap.coverage.CoverageEngine;
import org.gridmap.security.Audit;
import org.gridmap.security.Caller;
import org.gridmap.security.Role;
import org.gridmap.support.Db;
import org.gridmap.support.DeploymentConfig;
import org.gridmap.support.MetricCrs;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;
import org.gridmap.support.Texts;
import org.gridmap.support.Wkb;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.operation.polygonize.Polygonizer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * 网格调整 (DESIGN §6): drafts over a street or a community, their edits (each on the version it was made on, undoable),
 * live tallies and the coverage QA of the draft, automatic proposals (METIS) and the publish that makes a draft the
 * current grids in one transaction, carrying open tickets, stewards and logins over.
 */
@Singleton
public class RedistrictService {

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Band(int min, int max) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record GridTally(int key, String communityCode, String name, @Nullable String sourceGridCode, boolean locked,
                            int buildings, int households, int people, int vulnerablePeople, String band,
                            boolean contiguous, double polsbyPopper, double areaM2,
                            @Nullable Map<String, Integer> colours) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Finding(String kind, String communityCode, @Nullable Integer gridKey, @Nullable Integer otherGridKey,
                          @Nullable String buildingId, double areaM2, @Nullable Integer households, String detail) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Summary(int grids, int inBand, int outOfBand, int households, int unassignedBuildings,
                          int findings) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Draft(long id, String areaCode, String name, String owner, int version, String status,
                        @Nullable String staleReason, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                        @Nullable OffsetDateTime publishedAt, @Nullable OffsetDateTime effectiveFrom, int undoable,
                        int redoable, Map<String, Band> bands, Summary summary, List<GridTally> grids,
                        List<Finding> findings, @Nullable Map<String, Object> proposal,
                        @Nullable Map<String, Object> published) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record DraftSummary(long id, String areaCode, String name, String owner, int version, String status,
                               @Nullable String staleReason, OffsetDateTime updatedAt) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Lineage(String direction, String gridCode, String name, int version, OffsetDateTime validFrom,
                          @Nullable OffsetDateTime validTo, int households) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record GridAt(String gridCode, String name, int version, OffsetDateTime validFrom,
                         @Nullable OffsetDateTime validTo) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Diff(long buildings, long households, long stewards, long openTickets, long activeTransfers,
                       List<String> ticketsChanging) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Steward(String role, String name) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RegisterEntry(String gridCode, String name, String communityCode, String communityName, int version,
                                OffsetDateTime validFrom, long buildings, long households, long people, long areaM2,
                                List<Steward> stewards) {}

    /** One change of an edit: a building from one grid key to another (null: no grid). */
    record Move(long building, Integer from, Integer to) {}

    /** One grid row before and after an edit (null before: the edit made it). */
    record GridChange(RedistrictRepository.GridRow before, RedistrictRepository.GridRow after) {}

    record Changes(List<Move> moves, List<GridChange> grids) {
        boolean isEmpty() {
            return moves.isEmpty() && grids.isEmpty();
        }
    }

    /** A draft loaded for an edit or a view. */
    private record State(RedistrictRepository.DraftRow draft, Map<Integer, RedistrictRepository.GridRow> grids,
                         Map<Long, Integer> assignment, List<Ground> grounds,
                         @Nullable Map<Long, Map<String, Integer>> colours) {
        State withColours(Map<Long, Map<String, Integer>> c) {
            return new State(draft, grids, assignment, grounds, c);
        }

        Ground groundOf(long building) {
            for (Ground g : grounds) {
                if (g.indexOf().containsKey(building)) {
                    return g;
                }
            }
            return null;
        }

        int nextKey() {
            return grids.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        }
    }

    private static final Set<Role> EDITORS = Set.of(Role.ADMIN, Role.DISTRICT_OFFICE, Role.STREET_STAFF,
            Role.COMMUNITY_STAFF);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Db db;
    private final RedistrictRepository repo;
    private final RedistrictConfig config;
    private final CoverageConfig coverage;
    private final MetricCrs metric;
    private final Audit audit;
    private final Map<String, Ground> grounds = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ground> eldest) {
            return size() > 96;
        }
    };

    RedistrictService(Db db, RedistrictRepository repo, RedistrictConfig config, CoverageConfig coverage,
                      DeploymentConfig deployment, Audit audit) {
        this.db = db;
        this.repo = repo;
        this.config = config;
        this.coverage = coverage;
        this.metric = new MetricCrs(deployment.metricSrid());
        this.audit = audit;
    }

    // ---------------------------------------------------------------- drafts

    public Draft create(Caller caller, @Nullable String area, @Nullable String name) {
        requireEditor(caller);
        if (area == null || !area.matches("\\d{9}|\\d{12}")) {
            throw ProblemException.invalidParameter("area", "a street (9 digits) or a community (12 digits)");
        }
        if (!caller.covers(area)) {
            throw ProblemException.notFound("area", area);
        }
        String title = name == null || name.isBlank() ? "网格调整 " + area : name.strip();
        if (title.length() > 100) {
            throw ProblemException.invalidParameter("name", "at most 100 characters");
        }
        Texts.check("name", title, false);
        long id = db.tx(c -> {
            if (repo.areaLevel(c, area).isEmpty()) {
                throw ProblemException.notFound("area", area);
            }
            if (repo.openDrafts(c, caller.username()) >= config.maxDrafts()) {
                throw ProblemException.of(ProblemTypes.CONFLICT, "Too many drafts", "you have "
                        + config.maxDrafts() + " open drafts already (gridmap.redistricting.max-drafts): publish "
                        + "or discard one");
            }
            long d = repo.insertDraft(c, area, title, caller.username());
            repo.initDraft(c, d, area);
            return d;
        });
        return view(caller, id, null);
    }

    public List<DraftSummary> list(Caller caller, @Nullable String area) {
        requireEditor(caller);
        String a = area == null || area.isBlank() ? caller.area() : area;
        if (!a.isEmpty() && !a.matches("\\d{6}|\\d{9}|\\d{12}")) {
            throw ProblemException.invalidParameter("area", "a district, street or community code");
        }
        if (!caller.covers(a) && !a.isEmpty()) {
            throw ProblemException.notFound("area", a);
        }
        return db.read(c -> repo.drafts(c, a)).stream().filter(d -> caller.covers(d.areaCode()))
                .map(d -> new DraftSummary(d.id(), d.areaCode(), d.name(), d.owner(), d.version(), d.status(),
                        d.staleReason(), d.updatedAt())).toList();
    }

    /** The draft with live tallies and QA; {@code scenario} is reserved for 四色 tallies (not yet counted here). */
    public Draft view(Caller caller, long id, @Nullable Map<String, Object> proposal) {
        return view(caller, id, proposal, null);
    }

    /** The draft; with a scenario, each grid's households per 四色 colour under its current run too. */
    public Draft view(Caller caller, long id, @Nullable Map<String, Object> proposal, @Nullable String scenario) {
        requireEditor(caller);
        if (scenario != null && !scenario.matches("[A-Za-z0-9_-]{1,32}")) {
            throw ProblemException.invalidParameter("scenario", "a scenario code (letters, digits, _ and -)");
        }
        State s = db.read(c -> {
            State st = load(c, id, caller, false);
            return scenario == null ? st : st.withColours(repo.colours(c, scenario, st.draft().areaCode()));
        });
        return render(s, db.read(c -> repo.editCounts(c, id)), proposal, null);
    }

    /** The draft's grids as GeoJSON (EPSG:4326) with their tallies. */
    public String geojson(Caller caller, long id) {
        requireEditor(caller);
        State s = db.read(c -> load(c, id, caller, false));
        Map<Integer, Geometry> shapes = shapes(s);
        Map<Integer, GridTally> tallies = new HashMap<>();
        render(s, new int[2], null, null).grids().forEach(t -> tallies.put(t.key(), t));
        ObjectNode fc = JSON.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        GeoJsonWriter writer = new GeoJsonWriter(7);
        writer.setEncodeCRS(false);
        shapes.forEach((key, shape) -> {
            GridTally t = tallies.get(key);
            if (t == null || shape.isEmpty()) {
                return;
            }
            ObjectNode f = features.addObject().put("type", "Feature");
            try {
                f.set("geometry", JSON.readTree(writer.write(metric.toWgs84(shape))));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            f.set("properties", JSON.valueToTree(Map.of("key", t.key(), "name", t.name(), "community_code",
                    t.communityCode(), "households", t.households(), "band", t.band(), "locked", t.locked(),
                    "contiguous", t.contiguous())));
        });
        return fc.toString();
    }

    /**
     * What publishing the draft would change, against the current grids: buildings (and their households) that change
     * grid, stewards of those buildings and of the grids that lose buildings, open tickets whose point falls in a draft
     * grid made from another grid, and active transfers of the households that move.
     */
    public Diff diff(Caller caller, long id) {
        requireEditor(caller);
        return db.read(c -> {
            State s = load(c, id, caller, false);
            Map<Integer, Geometry> shapes = shapes(s);
            Map<Integer, String> plan = codePlan(c, s, shapes); // the codes the publish would give
            Map<Long, String> current = repo.currentMembership(c, s.draft().areaCode());
            List<Long> changed = new ArrayList<>();
            long households = 0;
            for (Ground g : s.grounds()) {
                for (Ground.Totals t : g.totals()) {
                    Integer k = s.assignment().get(t.id());
                    if (!Objects.equals(k == null ? null : plan.get(k), current.get(t.id()))) {
                        changed.add(t.id());
                        households += t.households();
                    }
                }
            }
            Set<String> kept = new HashSet<>(plan.values());
            List<String> ended = current.values().stream().filter(Objects::nonNull).distinct()
                    .filter(code -> !kept.contains(code)).toList();
            RedistrictRepository.DiffRow d = repo.diff(c, changed, ended);
            Map<Integer, PreparedGeometry> prepared = new HashMap<>();
            shapes.forEach((k, g) -> prepared.put(k, PreparedGeometryFactory.prepare(g)));
            WKBReader reader = new WKBReader(new GeometryFactory(new PrecisionModel(), metric.srid()));
            List<String> tickets = new ArrayList<>();
            for (RedistrictRepository.TicketPoint t : repo.openTickets(c, metric.srid(), s.draft().areaCode())) {
                Geometry p;
                try {
                    p = reader.read(t.wkb());
                } catch (ParseException e) {
                    continue;
                }
                String to = null;
                for (Map.Entry<Integer, PreparedGeometry> e : prepared.entrySet()) {
                    if (e.getValue().covers(p)) {
                        to = plan.get(e.getKey());
                        break;
                    }
                }
                if (to != null && !to.equals(t.gridCode())) {
                    tickets.add(t.number());
                }
            }
            return new Diff(changed.size(), households, d.stewards(), tickets.size(), d.transfers(),
                    tickets.subList(0, Math.min(50, tickets.size())));
        });
    }

    /** building_id,grid_key of every building of the draft (CSV export; grid_key empty for none). */
    public List<String[]> assignmentRows(Caller caller, long id) {
        requireEditor(caller);
        State s = db.read(c -> load(c, id, caller, false));
        List<String[]> rows = new ArrayList<>();
        for (Ground g : s.grounds()) {
            for (Ground.Totals t : g.totals()) {
                Integer key = s.assignment().get(t.id());
                rows.add(new String[] {t.buildingId(), key == null ? "" : String.valueOf(key)});
            }
        }
        return rows;
    }

    // ---------------------------------------------------------------- edits

    /** Moves buildings (by their codes, or all inside a drawn polygon) to a grid of the draft, or to a new one. */
    public Draft move(Caller caller, long id, @Nullable String ifMatch, @Nullable List<String> buildingIds,
                      @Nullable JsonNode polygon, @Nullable Integer toKey) {
        return edit(caller, id, ifMatch, "MOVE", (c, s) -> {
            List<Long> chosen = new ArrayList<>();
            if (buildingIds != null && !buildingIds.isEmpty()) {
                if (buildingIds.size() > 100_000) {
                    throw ProblemException.invalidParameter("buildings", "at most 100,000 buildings per move");
                }
                Map<String, Long> byCode = new HashMap<>();
                s.grounds().forEach(g -> g.totals().forEach(t -> byCode.put(t.buildingId(), t.id())));
                for (String b : buildingIds) {
                    Long row = b == null ? null : byCode.get(b);
                    if (row == null) {
                        throw ProblemException.invalidParameter("buildings", "'" + Texts.excerpt(String.valueOf(b), 64)
                                + "' is not a building of this draft's area");
                    }
                    chosen.add(row);
                }
            } else if (polygon != null) {
                Geometry area = drawn(polygon, "polygon", true);
                PreparedGeometry pa = PreparedGeometryFactory.prepare(area);
                for (Ground g : s.grounds()) {
                    for (int i = 0; i < g.size(); i++) {
                        if (pa.contains(g.geometry().buildings().get(i).footprint().getInteriorPoint())) {
                            chosen.add(g.totals().get(i).id());
                        }
                    }
                }
            } else {
                throw ProblemException.invalidParameter("buildings", "give the buildings (their codes) or a polygon");
            }
            if (chosen.isEmpty()) {
                throw ProblemException.unprocessable(ProblemTypes.INVALID_CONTENT, "Nothing to move",
                        "no building of the draft lies inside the polygon");
            }
            List<GridChange> gridChanges = new ArrayList<>();
            int target;
            if (toKey == null) {
                Ground first = s.groundOf(chosen.get(0));
                for (long b : chosen) {
                    if (!Objects.equals(s.groundOf(b).communityCode(), first.communityCode())) {
                        throw ProblemException.invalidParameter("buildings", "a new grid lies inside one community: "
                                + "the buildings are in several");
                    }
                }
                target = s.nextKey();
                RedistrictRepository.GridRow made = new RedistrictRepository.GridRow(target, first.communityCode(),
                        first.communityName() + "新网格" + target, null, false, false);
                gridChanges.add(new GridChange(null, made));
            } else {
                RedistrictRepository.GridRow g = s.grids().get(toKey);
                if (g == null || g.deleted()) {
                    throw ProblemException.invalidParameter("to_grid", "no grid " + toKey + " in this draft");
                }
                requireUnlocked(g);
                target = toKey;
                for (long b : chosen) {
                    if (!s.groundOf(b).communityCode().equals(g.communityCode())) {
                        throw ProblemException.invalidParameter("to_grid", "grid " + toKey + " is in community "
                                + g.communityCode() + "; a grid holds buildings of its own community only");
                    }
                }
            }
            List<Move> moves = new ArrayList<>();
            for (long b : chosen) {
                Integer from = s.assignment().get(b);
                if (from != null && from == target) {
                    continue;
                }
                if (from != null) {
                    requireUnlocked(s.grids().get(from));
                }
                moves.add(new Move(b, from, target));
            }
            return new Changes(moves, gridChanges);
        });
    }

    /**
     * Imports an assignment as CSV {@code building_id,grid_key} (UTF-8, a header row; the export's form) as one
     * undoable edit: each listed building goes to that grid of the draft; a key the draft does not have makes a new
     * grid (its buildings must lie in one community). Buildings not listed stay where they are. Every row is checked
     * first; any bad row refuses the whole file (422 listing them), nothing changed.
     */
    public Draft importCsv(Caller caller, long id, @Nullable String ifMatch, @Nullable String csv) {
        if (csv == null || csv.isBlank()) {
            throw ProblemException.invalidParameter("body", "a CSV with a header row building_id,grid_key");
        }
        if (csv.length() > 20_000_000) {
            throw ProblemException.invalidParameter("body", "at most 20 MB of CSV");
        }
        Texts.check("body", csv.replace("\r", "").replace("\n", " ").replace("\t", " "), false);
        return edit(caller, id, ifMatch, "IMPORT", (c, s) -> {
            Map<String, Long> byCode = new HashMap<>();
            Map<Long, String> communityOf = new HashMap<>();
            s.grounds().forEach(g -> g.totals().forEach(t -> {
                byCode.put(t.buildingId(), t.id());
                communityOf.put(t.id(), g.communityCode());
            }));
            List<String> errors = new ArrayList<>();
            Map<Integer, String> newKeys = new TreeMap<>(); // key → community of a grid the file makes
            List<long[]> rows = new ArrayList<>(); // building row id, key
            org.apache.commons.csv.CSVFormat format = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader()
                    .setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();
            try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVParser.parse(
                    new java.io.StringReader(csv.startsWith("\uFEFF") ? csv.substring(1) : csv), format)) {
                if (!parser.getHeaderNames().containsAll(List.of("building_id", "grid_key"))) {
                    throw ProblemException.invalidParameter("body", "the header row must name building_id and "
                            + "grid_key (it named " + Texts.excerpt(String.join(",", parser.getHeaderNames()), 200) + ")");
                }
                Set<Long> seen = new HashSet<>();
                for (org.apache.commons.csv.CSVRecord r : parser) {
                    if (errors.size() >= 100) {
                        errors.add("… and more: the first 100 bad rows are listed");
                        break;
                    }
                    long line = r.getRecordNumber() + 1;
                    String b = r.isSet("building_id") ? r.get("building_id") : "";
                    String k = r.isSet("grid_key") ? r.get("grid_key") : "";
                    Long row = byCode.get(b);
                    if (row == null) {
                        errors.add("line " + line + ": '" + Texts.excerpt(b, 64) + "' is not a building of the draft");
                        continue;
                    }
                    if (!seen.add(row)) {
                        errors.add("line " + line + ": building " + Texts.excerpt(b, 64) + " is listed twice");
                        continue;
                    }
                    if (!k.matches("\\d{1,6}") || Integer.parseInt(k) < 1) {
                        errors.add("line " + line + ": grid_key '" + Texts.excerpt(k, 20) + "' is not a whole number "
                                + "from 1");
                        continue;
                    }
                    int key = Integer.parseInt(k);
                    RedistrictRepository.GridRow g = s.grids().get(key);
                    String community = communityOf.get(row);
                    if (g != null && !g.deleted()) {
                        if (!g.communityCode().equals(community)) {
                            errors.add("line " + line + ": grid " + key + " is in community " + g.communityCode()
                                    + ", building " + b + " in " + community);
                            continue;
                        }
                        if (g.locked()) {
                            errors.add("line " + line + ": grid " + key + " is locked");
                            continue;
                        }
                    } else if (newKeys.putIfAbsent(key, community) != null && !newKeys.get(key).equals(community)) {
                        errors.add("line " + line + ": new grid " + key + " would hold buildings of two communities");
                        continue;
                    }
                    rows.add(new long[] {row, key});
                }
            } catch (java.io.IOException | java.io.UncheckedIOException | IllegalStateException
                     | IllegalArgumentException e) {
                if (e instanceof ProblemException p) {
                    throw p;
                }
                throw ProblemException.invalidParameter("body", "an unreadable CSV (quotes that do not close, or a "
                        + "row that is not CSV): export a draft for the form");
            }
            if (!errors.isEmpty()) {
                throw ProblemException.unprocessable(ProblemTypes.INVALID_CONTENT, "The file has bad rows",
                        errors.size() + " bad rows, nothing changed: " + String.join("; ",
                                errors.subList(0, Math.min(20, errors.size())))).with("errors", errors);
            }
            List<GridChange> made = new ArrayList<>();
            Map<Integer, Integer> keyOf = new HashMap<>();
            int next = s.nextKey();
            for (Map.Entry<Integer, String> e : newKeys.entrySet()) {
                RedistrictRepository.GridRow old = s.grids().get(e.getKey());
                int key = old == null ? e.getKey() : next++; // a deleted key is not reused: a new one
                next = Math.max(next, key + 1);
                keyOf.put(e.getKey(), key);
                Ground ground = groundOfCommunity(s, e.getValue());
                made.add(new GridChange(null, new RedistrictRepository.GridRow(key, e.getValue(),
                        ground.communityName() + "新网格" + key, null, false, false)));
            }
            List<Move> moves = new ArrayList<>();
            for (long[] r : rows) {
                int to = keyOf.getOrDefault((int) r[1], (int) r[1]);
                Integer from = s.assignment().get(r[0]);
                if (from == null || from != to) {
                    if (from != null) {
                        requireUnlocked(s.grids().get(from));
                    }
                    moves.add(new Move(r[0], from, to));
                }
            }
            return new Changes(moves, made);
        });
    }

    /** Splits a grid along a drawn line: each building goes to the side holding most of its footprint. */
    public Draft split(Caller caller, long id, @Nullable String ifMatch, @Nullable Integer key, @Nullable JsonNode line) {
        return edit(caller, id, ifMatch, "SPLIT", (c, s) -> {
            RedistrictRepository.GridRow g = key == null ? null : s.grids().get(key);
            if (g == null || g.deleted()) {
                throw ProblemException.invalidParameter("grid", "no grid " + key + " in this draft");
            }
            requireUnlocked(g);
            if (line == null) {
                throw ProblemException.invalidParameter("line", "draw the line to split along (a GeoJSON LineString)");
            }
            Geometry cut = drawn(line, "line", false);
            Ground ground = groundOfCommunity(s, g.communityCode());
            List<Integer> members = members(s, ground, key);
            Geometry shape = ground.geometry().shape(members);
            Polygonizer pz = new Polygonizer();
            pz.add(shape.getBoundary().union(cut));
            List<Geometry> pieces = new ArrayList<>();
            PreparedGeometry ps = PreparedGeometryFactory.prepare(shape);
            for (Object o : pz.getPolygons()) {
                Geometry p = (Geometry) o;
                if (ps.contains(p.getInteriorPoint())) {
                    pieces.add(p);
                }
            }
            if (pieces.size() < 2) {
                throw ProblemException.unprocessable(ProblemTypes.INVALID_CONTENT, "The line does not cut the grid",
                        "draw the line across grid " + key + " from one edge to another");
            }
            // each building to the piece holding most of its footprint
            Map<Integer, List<Integer>> byPiece = new TreeMap<>();
            for (int i : members) {
                Geometry fp = ground.geometry().buildings().get(i).footprint();
                int best = 0;
                double most = -1;
                for (int p = 0; p < pieces.size(); p++) {
                    double a = pieces.get(p).intersection(fp).getArea();
                    if (a > most) {
                        most = a;
                        best = p;
                    }
                }
                byPiece.computeIfAbsent(best, k -> new ArrayList<>()).add(i);
            }
            if (byPiece.size() < 2) {
                throw ProblemException.unprocessable(ProblemTypes.INVALID_CONTENT, "The line leaves every building "
                        + "on one side", "draw the line between buildings of grid " + key);
            }
            // the side with most households keeps the grid; every other side becomes a new grid
            List<List<Integer>> sides = new ArrayList<>(byPiece.values());
            sides.sort(Comparator.comparingInt((List<Integer> l) -> -households(ground, l)));
            List<Move> moves = new ArrayList<>();
            List<GridChange> made = new ArrayList<>();
            int next = s.nextKey();
            for (int k = 1; k < sides.size(); k++, next++) {
                made.add(new GridChange(null, new RedistrictRepository.GridRow(next, g.communityCode(),
                        Texts.excerpt(g.name(), 90) + "-" + (k + 1), null, false, false)));
                for (int i : sides.get(k)) {
                    moves.add(new Move(ground.totals().get(i).id(), key, next));
                }
            }
            return new Changes(moves, made);
        });
    }

    /** Merges grids of one community into the first. */
    public Draft merge(Caller caller, long id, @Nullable String ifMatch, @Nullable List<Integer> keys) {
        return edit(caller, id, ifMatch, "MERGE", (c, s) -> {
            if (keys == null || keys.size() < 2 || new HashSet<>(keys).size() != keys.size()) {
                throw ProblemException.invalidParameter("grids", "two or more different grids of the draft");
            }
            RedistrictRepository.GridRow into = s.grids().get(keys.get(0));
            List<Move> moves = new ArrayList<>();
            List<GridChange> changes = new ArrayList<>();
            for (int k : keys) {
                RedistrictRepository.GridRow g = s.grids().get(k);
                if (g == null || g.deleted()) {
                    throw ProblemException.invalidParameter("grids", "no grid " + k + " in this draft");
                }
                requireUnlocked(g);
                if (!g.communityCode().equals(into.communityCode())) {
                    throw ProblemException.invalidParameter("grids", "grids of different communities cannot merge");
                }
                if (k == into.key()) {
                    continue;
                }
                s.assignment().forEach((b, key) -> {
                    if (key != null && key == k) {
                        moves.add(new Move(b, k, into.key()));
                    }
                });
                changes.add(new GridChange(g, new RedistrictRepository.GridRow(g.key(), g.communityCode(), g.name(),
                        g.sourceGridCode(), false, true)));
            }
            return new Changes(moves, changes);
        });
    }

    /** Locks or unlocks a grid: a locked grid is left alone by edits and proposals. */
    public Draft lock(Caller caller, long id, @Nullable String ifMatch, @Nullable Integer key, boolean locked) {
        return edit(caller, id, ifMatch, locked ? "LOCK" : "UNLOCK", (c, s) -> {
            RedistrictRepository.GridRow g = key == null ? null : s.grids().get(key);
            if (g == null || g.deleted()) {
                throw ProblemException.invalidParameter("grid", "no grid " + key + " in this draft");
            }
            if (g.locked() == locked) {
                return new Changes(List.of(), List.of());
            }
            return new Changes(List.of(), List.of(new GridChange(g, new RedistrictRepository.GridRow(g.key(),
                    g.communityCode(), g.name(), g.sourceGridCode(), locked, false))));
        });
    }

    /** Renames a grid of the draft. */
    public Draft rename(Caller caller, long id, @Nullable String ifMatch, @Nullable Integer key, @Nullable String name) {
        return edit(caller, id, ifMatch, "RENAME", (c, s) -> {
            RedistrictRepository.GridRow g = key == null ? null : s.grids().get(key);
            if (g == null || g.deleted()) {
                throw ProblemException.invalidParameter("grid", "no grid " + key + " in this draft");
            }
            if (name == null || name.isBlank() || name.strip().length() > 100) {
                throw ProblemException.invalidParameter("name", "1–100 characters");
            }
            Texts.check("name", name, false);
            return new Changes(List.of(), List.of(new GridChange(g, new RedistrictRepository.GridRow(g.key(),
                    g.communityCode(), name.strip(), g.sourceGridCode(), g.locked(), false))));
        });
    }

    /** Undoes the last edit (undo = true) or redoes the last undone one. */
    public Draft undo(Caller caller, long id, @Nullable String ifMatch, boolean undo) {
        requireEditor(caller);
        db.tx(c -> {
            State s = lockForEdit(c, caller, id, ifMatch);
            RedistrictRepository.EditRow e = repo.edit(c, id, !undo).orElseThrow(() -> ProblemException.of(
                    ProblemTypes.CONFLICT, undo ? "Nothing to undo" : "Nothing to redo",
                    undo ? "the draft has no edit to undo" : "no undone edit to redo"));
            apply(c, s, read(e.changes()), !undo);
            repo.markEdit(c, id, e.seq(), undo);
            repo.bump(c, id);
            return null;
        });
        return view(caller, id, null);
    }

    /**
     * An automatic proposal over the draft's area (as one undoable edit). SCRATCH cuts every unlocked grid's
     * buildings afresh; REBALANCE cuts only the grids outside the band together with their neighbours, so grids in
     * band far from a problem stay as they are.
     */
    public Draft propose(Caller caller, long id, @Nullable String ifMatch, @Nullable String mode) {
        String m = mode == null ? "SCRATCH" : mode;
        if (!m.equals("SCRATCH") && !m.equals("REBALANCE")) {
            throw ProblemException.invalidParameter("mode", "SCRATCH or REBALANCE");
        }
        long t0 = System.nanoTime();
        Map<String, Object> report = new LinkedHashMap<>();
        List<Map<String, Object>> exceptions = new ArrayList<>();
        int[] moved = new int[2]; // households that change grid, households in all
        edit(caller, id, ifMatch, "PROPOSE_" + m, (c, s) -> {
            Proposer proposer = new Proposer(new Partitioner(config.gpmetis(), config.partitionSeconds()),
                    config.barrierWeight());
            List<Move> moves = new ArrayList<>();
            List<GridChange> gridChanges = new ArrayList<>();
            int next = s.nextKey();
            for (Ground ground : s.grounds()) {
                Band band = band(ground.rural());
                boolean[] free = freeBuildings(s, ground, m.equals("REBALANCE"), band);
                Proposer.Result r;
                try {
                    r = proposer.propose(ground, free, band.min(), band.max());
                } catch (Partitioner.PartitionException e) {
                    throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE,
                            "The partitioner failed", e.getMessage());
                }
                r.exceptions().forEach(x -> exceptions.add(Map.of("community_code", x.communityCode(),
                        "households", x.households(), "grids", x.grids(), "reason", x.reason())));
                // each part keeps the free grid it shares most households with (greedy, largest overlap first)
                Map<Integer, Map<Integer, Integer>> overlap = new HashMap<>();
                for (int i = 0; i < ground.size(); i++) {
                    if (r.part()[i] < 0) {
                        continue;
                    }
                    Integer old = s.assignment().get(ground.totals().get(i).id());
                    if (old != null) {
                        overlap.computeIfAbsent(r.part()[i], k -> new HashMap<>())
                                .merge(old, ground.totals().get(i).households() + 1, Integer::sum);
                    }
                }
                List<int[]> pairs = new ArrayList<>();
                overlap.forEach((part, olds) -> olds.forEach((old, w) -> pairs.add(new int[] {w, part, old})));
                pairs.sort((a, b) -> a[0] != b[0] ? Integer.compare(b[0], a[0])
                        : a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[2], b[2]));
                Map<Integer, Integer> keyOf = new HashMap<>();
                Set<Integer> taken = new HashSet<>();
                for (int[] p : pairs) {
                    if (!keyOf.containsKey(p[1]) && !taken.contains(p[2])) {
                        keyOf.put(p[1], p[2]);
                        taken.add(p[2]);
                    }
                }
                Set<Integer> freedKeys = new HashSet<>();
                for (int i = 0; i < ground.size(); i++) {
                    Integer old = s.assignment().get(ground.totals().get(i).id());
                    if (free[i] && old != null) {
                        freedKeys.add(old);
                    }
                }
                for (int part = 0; part < r.parts(); part++) {
                    if (!keyOf.containsKey(part)) {
                        int key = next++;
                        keyOf.put(part, key);
                        gridChanges.add(new GridChange(null, new RedistrictRepository.GridRow(key,
                                ground.communityCode(), ground.communityName() + "新网格" + key, null, false, false)));
                    }
                }
                for (int i = 0; i < ground.size(); i++) {
                    if (r.part()[i] < 0) {
                        continue;
                    }
                    long b = ground.totals().get(i).id();
                    Integer from = s.assignment().get(b);
                    int to = keyOf.get(r.part()[i]);
                    moved[1] += ground.totals().get(i).households();
                    if (from == null || from != to) {
                        moves.add(new Move(b, from, to));
                        moved[0] += ground.totals().get(i).households();
                    }
                }
                // grids the proposal emptied are deleted
                Set<Integer> used = new HashSet<>(keyOf.values());
                for (int k : freedKeys) {
                    RedistrictRepository.GridRow g = s.grids().get(k);
                    if (!used.contains(k) && g != null && !g.deleted()) {
                        gridChanges.add(new GridChange(g, new RedistrictRepository.GridRow(g.key(),
                                g.communityCode(), g.name(), g.sourceGridCode(), false, true)));
                    }
                }
            }
            return new Changes(moves, gridChanges);
        }, true);
        report.put("mode", m);
        report.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1000.0);
        report.put("households_changing_grid", moved[0]);
        report.put("share_changing_grid", moved[1] == 0 ? 0 : Math.round(1000.0 * moved[0] / moved[1]) / 1000.0);
        report.put("exceptions", exceptions);
        return view(caller, id, report);
    }

    // ---------------------------------------------------------------- publish

    /**
     * Makes the draft the current grids from {@code effective} (default now) in one transaction: the old grid
     * versions end, new ones begin with codes numbered west→east, then north→south, in each community; buildings
     * follow by the membership triggers; open tickets, stewards and grid logins move to the new grid; the lineage
     * and the audit entry are written; every other open draft over the area turns stale.
     */
    public Draft publish(Caller caller, long id, @Nullable String ifMatch, @Nullable OffsetDateTime effective) {
        OffsetDateTime when = effective == null ? OffsetDateTime.now() : effective;
        if (when.isAfter(OffsetDateTime.now().plusMinutes(1))) {
            throw ProblemException.invalidParameter("effective_from", "a publish takes effect now or at a past "
                    + "moment, not in the future");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        requireEditor(caller);
        try {
            db.tx(c -> {
            // publishes queue here, so of two overlapping drafts the second finds itself stale (409), not a clash
            org.gridmap.support.LockRepository.forTransaction(c, org.gridmap.support.Lock.REDISTRICT_PUBLISH, 0);
            State s = lockForEdit(c, caller, id, ifMatch);
            Draft before = render(s, new int[2], null, null);
            if (before.summary().unassignedBuildings() > 0) {
                throw ProblemException.of(ProblemTypes.CONFLICT, "Buildings in no grid", before.summary()
                        .unassignedBuildings() + " buildings of the draft are in no grid: move them into a grid first");
            }
            Map<Integer, Geometry> shapes = shapes(s);
            Map<Integer, String> plan = codePlan(c, s, shapes);
            List<Integer> keys = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            List<RedistrictRepository.NewGrid> made = new ArrayList<>();
            repo.snapshotBefore(c, id);
            for (Map.Entry<Integer, String> e : plan.entrySet()) {
                RedistrictRepository.GridRow g = s.grids().get(e.getKey());
                Ground ground = groundOfCommunity(s, g.communityCode());
                Geometry wgs = metric.toWgs84(shapes.get(e.getKey()));
                if (!wgs.isValid()) {
                    wgs = GeometryFixer.fix(wgs);
                }
                String code = e.getValue();
                int seq = Integer.parseInt(code.substring(12));
                // a grid that keeps its code keeps its name; a new one is numbered like its code unless named
                boolean kept = code.equals(g.sourceGridCode());
                String name = g.name().contains("新网格") || (!kept && (g.sourceGridCode() == null
                        || g.name().matches(".*第\\d+网格(-\\d+)?$")))
                        ? ground.communityName() + "第" + seq + "网格" : g.name();
                made.add(new RedistrictRepository.NewGrid(code, Texts.excerpt(name, 100), g.communityCode(),
                        ground.rural(), Wkb.write(wgs)));
                keys.add(e.getKey());
                codes.add(code);
            }
            long tGrids = System.nanoTime();
            repo.replaceGrids(c, s.draft().areaCode(), made, when);
            result.put("seconds_grids_and_buildings", Math.round((System.nanoTime() - tGrids) / 1e6) / 1000.0);
            long tMoves = System.nanoTime();
            repo.mapping(c, keys, codes);
            repo.lineage(c, id, when);
            long stewards = repo.moveStewards(c, s.draft().areaCode());
            long tickets = repo.moveTickets(c, s.draft().areaCode(), caller.username(), id);
            repo.markPublished(c, id, s.draft().areaCode(), when, "草稿 " + id + " 已发布 / draft " + id
                    + " was published");
            result.put("seconds_tickets_stewards_lineage", Math.round((System.nanoTime() - tMoves) / 1e6) / 1000.0);
            result.put("grids", codes.size());
            result.put("tickets_moved", tickets);
            result.put("stewards_moved", stewards);
            result.put("effective_from", when.toString());
            audit.record(c, caller.username(), caller.role().name(), "PUBLISH", "redistrict_draft",
                    String.valueOf(id), caller.area(), Map.of("area", s.draft().areaCode(), "grids", codes.size(),
                            "tickets_moved", tickets, "stewards_moved", stewards, "effective_from", when.toString()),
                    null);
            return null;
            });
        } catch (Db.DataAccessException e) {
            String state = e.sqlException().getSQLState();
            if ("23514".equals(state)) { // grid_valid_period: the new versions would start before the old ones
                throw ProblemException.invalidParameter("effective_from", "must be later than the moment the current "
                        + "grids took effect");
            }
            if ("23505".equals(state) || "40001".equals(state) || "40P01".equals(state)) {
                throw ProblemException.of(ProblemTypes.CONFLICT, "Published at the same time", "another draft over "
                        + "this area was published at the same moment: reload the draft");
            }
            throw e;
        }
        result.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1000.0);
        State after = db.read(c -> load(c, id, caller, false));
        Draft d = render(after, db.read(c -> repo.editCounts(c, id)), null, result);
        return d;
    }

    // ---------------------------------------------------------------- history

    /** 网格划分登记表 of an area's current grids (names of stewards masked, as every list of people is). */
    public List<RegisterEntry> register(Caller caller, @Nullable String area) {
        String a = area == null || area.isBlank() ? caller.area() : area.strip();
        if (!a.matches("\\d{6}|\\d{9}|\\d{12}")) {
            throw ProblemException.invalidParameter("area", "a district, street or community code");
        }
        if (!caller.covers(a)) {
            throw ProblemException.notFound("area", a);
        }
        return db.read(c -> repo.register(c, a)).stream().map(r -> new RegisterEntry(r.gridCode(), r.name(),
                r.communityCode(), r.communityName(), r.version(), r.validFrom(), r.buildings(), r.households(),
                r.people(), r.areaM2(), r.stewards() == null ? List.of() : java.util.Arrays.stream(r.stewards()
                        .split("\\|")).map(x -> x.split(":", 2)).map(x -> new Steward(x[0],
                        org.gridmap.security.Masking.name(x.length > 1 ? x[1] : ""))).toList())).toList();
    }

    public List<Lineage> lineage(Caller caller, String gridCode) {
        if (!gridCode.matches("\\d{15}")) {
            throw ProblemException.invalidParameter("grid_code", "must be 15 digits");
        }
        if (!caller.covers(gridCode)) {
            throw ProblemException.notFound("grid", gridCode);
        }
        return db.read(c -> repo.lineage(c, gridCode)).stream().map(l -> new Lineage(l.direction(), l.gridCode(),
                l.name(), l.version(), l.validFrom(), l.validTo(), l.households())).toList();
    }

    public GridAt gridAt(Caller caller, double lon, double lat, OffsetDateTime at) {
        if (!Double.isFinite(lon) || !Double.isFinite(lat) || lon < 73 || lon > 136 || lat < 3 || lat > 54) {
            throw ProblemException.invalidParameter("lon/lat", "a point in China (lon 73–136, lat 3–54)");
        }
        RedistrictRepository.GridAt g = db.read(c -> repo.gridAt(c, lon, lat, at))
                .orElseThrow(() -> ProblemException.notFound("grid at", lon + "," + lat));
        if (!caller.covers(g.gridCode())) {
            throw ProblemException.notFound("grid at", lon + "," + lat);
        }
        return new GridAt(g.gridCode(), g.name(), g.version(), g.validFrom(), g.validTo());
    }

    // ---------------------------------------------------------------- internals

    private interface EditFn {
        Changes apply(Connection c, State s) throws SQLException;
    }

    private Draft edit(Caller caller, long id, @Nullable String ifMatch, String kind, EditFn fn) {
        edit(caller, id, ifMatch, kind, fn, false);
        return view(caller, id, null);
    }

    private void edit(Caller caller, long id, @Nullable String ifMatch, String kind, EditFn fn, boolean allowEmpty) {
        requireEditor(caller);
        db.tx(c -> {
            State s = lockForEdit(c, caller, id, ifMatch);
            Changes ch = fn.apply(c, s);
            if (ch.isEmpty() && !allowEmpty) {
                throw ProblemException.unprocessable(ProblemTypes.INVALID_CONTENT, "Nothing changes",
                        "the edit leaves the draft as it is");
            }
            apply(c, s, ch, true);
            repo.logEdit(c, id, kind, write(ch), caller.username());
            repo.bump(c, id);
            return null;
        });
    }

    private State lockForEdit(Connection c, Caller caller, long id, @Nullable String ifMatch) throws SQLException {
        requireEditor(caller);
        State s = load(c, id, caller, true);
        RedistrictRepository.DraftRow d = s.draft();
        if (d.status().equals("STALE")) {
            throw ProblemException.of(ProblemTypes.DRAFT_STALE, "The draft is stale", "another draft over "
                    + "this area was published after this one began (" + Texts.excerpt(d.staleReason(), 200)
                    + "): start a new draft from the current grids");
        }
        if (!d.status().equals("OPEN")) {
            throw ProblemException.of(ProblemTypes.CONFLICT, "The draft is " + d.status().toLowerCase(),
                    "a " + d.status().toLowerCase() + " draft cannot change");
        }
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.of(ProblemTypes.PRECONDITION_REQUIRED, "If-Match required", "send the draft's "
                    + "ETag in If-Match (it is " + etag(d.version()) + "), so an edit made on an older version "
                    + "is refused instead of overwriting someone else's");
        }
        if (!matches(ifMatch, d.version())) {
            throw ProblemException.of(ProblemTypes.PRECONDITION_FAILED, "The draft has changed", "the draft is at "
                    + "version " + d.version() + " (ETag " + etag(d.version()) + "); your edit was made on "
                    + Texts.excerpt(ifMatch, 40) + ": reload the draft and edit again")
                    .with("version", d.version());
        }
        return s;
    }

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    private static boolean matches(String header, int version) {
        for (String part : header.split(",")) {
            String p = part.strip();
            if (p.equals(etag(version)) || p.equals("W/" + etag(version))) { // not "*": an edit names its version
                return true;
            }
        }
        return false;
    }

    private State load(Connection c, long id, Caller caller, boolean forUpdate) throws SQLException {
        RedistrictRepository.DraftRow d = repo.draft(c, id, forUpdate)
                .orElseThrow(() -> ProblemException.notFound("draft", String.valueOf(id)));
        if (!caller.covers(d.areaCode()) || d.status().equals("DISCARDED")) {
            throw ProblemException.notFound("draft", String.valueOf(id));
        }
        Map<Integer, RedistrictRepository.GridRow> grids = new TreeMap<>();
        repo.grids(c, id).forEach(g -> grids.put(g.key(), g));
        Map<Long, Integer> assignment = repo.assignment(c, id);
        List<Ground> gs = new ArrayList<>();
        for (RedistrictRepository.CommunityRow cr : repo.communities(c, metric.srid(), d.areaCode())) {
            gs.add(ground(c, cr));
        }
        return new State(d, grids, assignment, gs, null);
    }

    private Ground ground(Connection c, RedistrictRepository.CommunityRow cr) throws SQLException {
        String stamp = repo.stamp(c, cr.code());
        synchronized (grounds) {
            Ground g = grounds.get(cr.code());
            if (g != null && g.stamp().equals(stamp)) {
                return g;
            }
        }
        GeometryFactory gf = new GeometryFactory(new PrecisionModel(), metric.srid());
        WKBReader reader = new WKBReader(gf);
        try {
            Geometry community = reader.read(cr.wkb());
            if (!community.isValid()) {
                community = GeometryFixer.fix(community);
            }
            List<DraftGeometry.Building> buildings = new ArrayList<>();
            List<Ground.Totals> totals = new ArrayList<>();
            for (RedistrictRepository.BuildingRow b : repo.buildings(c, metric.srid(), cr.code())) {
                Geometry fp = reader.read(b.wkb());
                buildings.add(new DraftGeometry.Building(b.id(), b.buildingId(), fp, b.households()));
                totals.add(new Ground.Totals(b.id(), b.buildingId(), b.households(), b.people(), b.vulnerablePeople()));
            }
            List<Geometry> barriers = new ArrayList<>();
            for (byte[] w : repo.barriers(c, metric.srid(), cr.code())) {
                barriers.add(reader.read(w));
            }
            Ground g = Ground.of(cr.code(), cr.name(), cr.rural(), stamp,
                    DraftGeometry.of(buildings, community, barriers, config.siteSpacingM()), totals);
            synchronized (grounds) {
                grounds.put(cr.code(), g);
            }
            return g;
        } catch (ParseException e) {
            throw new IllegalStateException("unreadable geometry of community " + cr.code(), e);
        }
    }

    private static Ground groundOfCommunity(State s, String community) {
        return s.grounds().stream().filter(g -> g.communityCode().equals(community)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("community", community));
    }

    private static List<Integer> members(State s, Ground ground, int key) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < ground.size(); i++) {
            Integer k = s.assignment().get(ground.totals().get(i).id());
            if (k != null && k == key) {
                out.add(i);
            }
        }
        return out;
    }

    private static int households(Ground g, List<Integer> members) {
        int n = 0;
        for (int i : members) {
            n += g.totals().get(i).households();
        }
        return n;
    }

    private Band band(boolean rural) {
        return rural ? new Band(coverage.ruralMinHouseholds(), coverage.ruralMaxHouseholds())
                : new Band(coverage.urbanMinHouseholds(), coverage.urbanMaxHouseholds());
    }

    /** Buildings a proposal may move: those of unlocked grids (and of none); in REBALANCE only near a problem. */
    private boolean[] freeBuildings(State s, Ground ground, boolean rebalance, Band band) {
        int n = ground.size();
        boolean[] free = new boolean[n];
        Map<Integer, Integer> hh = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Integer k = s.assignment().get(ground.totals().get(i).id());
            if (k != null) {
                hh.merge(k, ground.totals().get(i).households(), Integer::sum);
            }
        }
        Set<Integer> problem = new HashSet<>();
        hh.forEach((k, v) -> {
            if (v < band.min() || v > band.max()) {
                problem.add(k);
            }
        });
        Set<Integer> chosen = new HashSet<>(problem);
        if (rebalance) {
            for (DraftGeometry.Link l : ground.geometry().links()) {
                Integer ka = s.assignment().get(ground.totals().get(l.a()).id());
                Integer kb = s.assignment().get(ground.totals().get(l.b()).id());
                if (ka != null && kb != null && !ka.equals(kb)) {
                    if (problem.contains(ka)) {
                        chosen.add(kb);
                    }
                    if (problem.contains(kb)) {
                        chosen.add(ka);
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            Integer k = s.assignment().get(ground.totals().get(i).id());
            RedistrictRepository.GridRow g = k == null ? null : s.grids().get(k);
            boolean unlocked = g == null || !g.locked();
            free[i] = unlocked && (!rebalance || k == null || chosen.contains(k));
        }
        return free;
    }

    /**
     * The code each draft grid (with buildings) gets at a publish. A grid that holds most of an old grid's households
     * continues it and keeps its code (of several, the one it holds most of), so an unchanged or locked grid keeps its
     * code, its stewards and its logins; every other grid gets a new number after the highest its community has used,
     * numbered west→east, then north→south.
     */
    private Map<Integer, String> codePlan(Connection c, State s, Map<Integer, Geometry> shapes) throws SQLException {
        Map<Long, String> current = repo.currentMembership(c, s.draft().areaCode());
        Map<String, Map<Integer, Integer>> from = new HashMap<>(); // old code → draft key → households
        for (Ground g : s.grounds()) {
            for (Ground.Totals t : g.totals()) {
                Integer k = s.assignment().get(t.id());
                String old = current.get(t.id());
                if (k != null && old != null) {
                    from.computeIfAbsent(old, x -> new HashMap<>()).merge(k, t.households() + 1, Integer::sum);
                }
            }
        }
        // each old code's successor: the draft grid with most of its households (then the smaller key)
        Map<Integer, List<String[]>> claims = new HashMap<>(); // key → [old code, households]
        from.forEach((old, byKey) -> byKey.entrySet().stream()
                .max(Comparator.comparingInt((Map.Entry<Integer, Integer> e) -> e.getValue())
                        .thenComparing(e -> -e.getKey()))
                .ifPresent(e -> claims.computeIfAbsent(e.getKey(), x -> new ArrayList<>())
                        .add(new String[] {old, String.valueOf(e.getValue())})));
        Map<Integer, String> plan = new TreeMap<>();
        Map<String, List<Integer>> fresh = new TreeMap<>();
        for (Map.Entry<Integer, Geometry> e : shapes.entrySet()) {
            RedistrictRepository.GridRow g = s.grids().get(e.getKey());
            if (g == null || g.deleted()) {
                continue;
            }
            String keep = claims.getOrDefault(e.getKey(), List.of()).stream()
                    .filter(x -> x[0].startsWith(g.communityCode()))
                    .max(Comparator.comparingInt((String[] x) -> Integer.parseInt(x[1])).thenComparing(x -> x[0],
                            Comparator.reverseOrder()))
                    .map(x -> x[0]).orElse(null);
            if (keep != null) {
                plan.put(e.getKey(), keep);
            } else {
                fresh.computeIfAbsent(g.communityCode(), x -> new ArrayList<>()).add(e.getKey());
            }
        }
        for (Map.Entry<String, List<Integer>> e : fresh.entrySet()) {
            List<Integer> ks = e.getValue();
            ks.sort(Comparator.comparingDouble((Integer k) -> Math.round(shapes.get(k).getCentroid().getX() / 50))
                    .thenComparingDouble(k -> -shapes.get(k).getCentroid().getY()));
            int next = repo.maxSequence(c, e.getKey()) + 1;
            if (next + ks.size() - 1 > 999) {
                throw ProblemException.of(ProblemTypes.CONFLICT, "No grid numbers left", "community " + e.getKey()
                        + " has used its grid numbers up to " + (next - 1) + "; 999 is the last");
            }
            for (int k : ks) {
                plan.put(k, e.getKey() + String.format("%03d", next++));
            }
        }
        return plan;
    }

    private Map<Integer, Geometry> shapes(State s) {
        Map<Integer, Geometry> out = new TreeMap<>();
        for (Ground ground : s.grounds()) {
            Map<Integer, List<Integer>> byKey = new TreeMap<>();
            for (int i = 0; i < ground.size(); i++) {
                Integer k = s.assignment().get(ground.totals().get(i).id());
                if (k != null) {
                    byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
                }
            }
            byKey.forEach((k, members) -> out.put(k, ground.geometry().shape(members)));
        }
        return out;
    }

    private Draft render(State s, int[] editCounts, @Nullable Map<String, Object> proposal,
                         @Nullable Map<String, Object> published) {
        Map<Integer, Geometry> shapes = shapes(s);
        List<GridTally> tallies = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        int inBand = 0;
        int households = 0;
        int unassigned = 0;
        for (Ground ground : s.grounds()) {
            Band band = band(ground.rural());
            Map<Integer, int[]> sums = new TreeMap<>(); // buildings, households, people, vulnerable
            Map<Integer, Map<String, Integer>> colourSums = new HashMap<>();
            int unassignedHere = 0;
            for (int i = 0; i < ground.size(); i++) {
                Ground.Totals t = ground.totals().get(i);
                households += t.households();
                Integer k = s.assignment().get(t.id());
                if (k == null) {
                    unassigned++;
                    unassignedHere++;
                    findings.add(new Finding("BUILDING_NO_GRID", ground.communityCode(), null, null, t.buildingId(),
                            0, t.households(), "building " + t.buildingId() + " is in no grid of the draft"));
                    continue;
                }
                int[] a = sums.computeIfAbsent(k, x -> new int[4]);
                if (s.colours() != null) {
                    Map<String, Integer> cs = colourSums.computeIfAbsent(k, x -> new TreeMap<>());
                    s.colours().getOrDefault(t.id(), Map.of()).forEach((colour, n) -> cs.merge(colour, n, Integer::sum));
                }
                a[0]++;
                a[1] += t.households();
                a[2] += t.people();
                a[3] += t.vulnerablePeople();
            }
            List<CoverageEngine.GridShape> engineGrids = new ArrayList<>();
            for (RedistrictRepository.GridRow g : s.grids().values()) {
                if (g.deleted() || !g.communityCode().equals(ground.communityCode())) {
                    continue;
                }
                int[] a = sums.getOrDefault(g.key(), new int[4]);
                Geometry shape = shapes.getOrDefault(g.key(), ground.geometry().factory().createPolygon());
                String status = a[1] < band.min() ? "FEW" : a[1] > band.max() ? "MANY" : "IN";
                if (status.equals("IN")) {
                    inBand++;
                } else if (a[0] > 0) {
                    findings.add(new Finding("HOUSEHOLD_BAND", ground.communityCode(), g.key(), null, null, 0, a[1],
                            a[1] + " households, outside " + band.min() + "–" + (band.max() == Integer.MAX_VALUE
                                    ? "∞" : band.max()) + (status.equals("FEW") ? " (too few)" : " (too many)")));
                }
                double area = shape.getArea();
                double perimeter = shape.getLength();
                boolean contiguous = shape.getNumGeometries() == 1;
                if (a[0] > 0 && !contiguous) {
                    findings.add(new Finding("NOT_CONTIGUOUS", ground.communityCode(), g.key(), null, null, area, a[1],
                            "grid " + g.key() + " is in " + shape.getNumGeometries() + " separate parts"));
                }
                if (a[0] > 0) {
                    tallies.add(new GridTally(g.key(), g.communityCode(), g.name(), g.sourceGridCode(), g.locked(),
                            a[0], a[1], a[2], a[3], status, contiguous,
                            perimeter == 0 ? 0 : Math.round(4 * Math.PI * area / (perimeter * perimeter) * 1000) / 1000.0,
                            Math.round(area), s.colours() == null ? null : colourSums.getOrDefault(g.key(), Map.of())));
                    engineGrids.add(new CoverageEngine.GridShape(String.valueOf(g.key()), ground.communityCode(),
                            shape));
                }
            }
            // the same geometric QA as /api/coverage, on the draft's grids, and buildings kept whole; remembered by
            // the community's grids (their keys and buildings), so an edit re-checks only the community it touched
            Map<Integer, List<Integer>> membersOf = new TreeMap<>();
            for (int i = 0; i < ground.size(); i++) {
                Integer k = s.assignment().get(ground.totals().get(i).id());
                if (k != null) {
                    membersOf.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
                }
            }
            boolean someUnassigned = unassignedHere > 0;
            findings.addAll(ground.geometry().memo(List.of("qa", someUnassigned, membersOf.toString()),
                    () -> communityChecks(ground, engineGrids, membersOf, shapes, someUnassigned)));
        }
        RedistrictRepository.DraftRow d = s.draft();
        Map<String, Band> bands = Map.of("urban", band(false), "rural", band(true));
        return new Draft(d.id(), d.areaCode(), d.name(), d.owner(), d.version(), d.status(), d.staleReason(),
                d.createdAt(), d.updatedAt(), d.publishedAt(), d.effectiveFrom(), editCounts[0], editCounts[1], bands,
                new Summary(tallies.size(), inBand, tallies.size() - inBand, households, unassigned, findings.size()),
                tallies, findings, proposal, published);
    }

    private List<Finding> communityChecks(Ground ground, List<CoverageEngine.GridShape> engineGrids,
                                          Map<Integer, List<Integer>> membersOf, Map<Integer, Geometry> shapes,
                                          boolean someUnassigned) {
        List<Finding> findings = new ArrayList<>();
        CoverageEngine.Result qa = new CoverageEngine(coverage.sliverM2(), coverage.edgeToleranceM())
                .analyze(List.of(new CoverageEngine.Community(ground.communityCode(), ground.boundary())), engineGrids);
        for (CoverageEngine.Finding f : qa.findings()) {
            if (f.kind() == CoverageEngine.Kind.COMMUNITY_WITHOUT_GRIDS && someUnassigned) {
                continue; // said building by building
            }
            findings.add(new Finding(f.kind().name(), ground.communityCode(), key(f.gridCode()), key(f.otherGridCode()),
                    f.buildingId(), Math.round(f.areaM2() * 10) / 10.0, f.households(), f.detail()));
        }
        for (Map.Entry<Integer, List<Integer>> e : membersOf.entrySet()) {
            Geometry shape = shapes.get(e.getKey());
            if (shape == null) {
                continue;
            }
            PreparedGeometry pg = PreparedGeometryFactory.prepare(shape);
            for (int i : e.getValue()) {
                Geometry fp = ground.geometry().buildings().get(i).footprint();
                if (pg.covers(fp)) {
                    continue;
                }
                double outside = fp.difference(shape).getArea();
                if (outside > coverage.sliverM2()) {
                    String b = ground.totals().get(i).buildingId();
                    findings.add(new Finding("BUILDING_SPLIT", ground.communityCode(), e.getKey(), null, b,
                            Math.round(outside * 10) / 10.0, ground.totals().get(i).households(), "building " + b
                            + " reaches " + Math.round(outside) + " m² outside its grid"));
                }
            }
        }
        return List.copyOf(findings);
    }

    private static Integer key(String code) {
        return code == null ? null : Integer.valueOf(code);
    }

    private void apply(Connection c, State s, Changes ch, boolean forward) throws SQLException {
        for (GridChange g : ch.grids()) {
            RedistrictRepository.GridRow row = forward ? g.after() : g.before();
            if (row == null) { // undoing a grid's creation
                RedistrictRepository.GridRow a = g.after();
                row = new RedistrictRepository.GridRow(a.key(), a.communityCode(), a.name(), a.sourceGridCode(),
                        a.locked(), true);
            }
            repo.upsertGrid(c, s.draft().id(), row);
        }
        Map<Integer, List<Long>> byTarget = new HashMap<>();
        List<Long> toNone = new ArrayList<>();
        for (Move m : ch.moves()) {
            Integer to = forward ? m.to() : m.from();
            if (to == null) {
                toNone.add(m.building());
            } else {
                byTarget.computeIfAbsent(to, k -> new ArrayList<>()).add(m.building());
            }
        }
        for (Map.Entry<Integer, List<Long>> e : byTarget.entrySet()) {
            repo.assign(c, s.draft().id(), e.getKey(), e.getValue());
        }
        if (!toNone.isEmpty()) {
            repo.assign(c, s.draft().id(), null, toNone);
        }
    }

    private static String write(Changes ch) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode moves = root.putArray("moves");
        for (Move m : ch.moves()) {
            ArrayNode a = moves.addArray().add(m.building());
            if (m.from() == null) {
                a.addNull();
            } else {
                a.add(m.from());
            }
            if (m.to() == null) {
                a.addNull();
            } else {
                a.add(m.to());
            }
        }
        ArrayNode grids = root.putArray("grids");
        for (GridChange g : ch.grids()) {
            ObjectNode o = grids.addObject();
            o.set("before", g.before() == null ? null : JSON.valueToTree(g.before()));
            o.set("after", JSON.valueToTree(g.after()));
        }
        return root.toString();
    }

    private static Changes read(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<Move> moves = new ArrayList<>();
            for (JsonNode m : root.get("moves")) {
                moves.add(new Move(m.get(0).asLong(), m.get(1).isNull() ? null : m.get(1).asInt(),
                        m.get(2).isNull() ? null : m.get(2).asInt()));
            }
            List<GridChange> grids = new ArrayList<>();
            for (JsonNode g : root.get("grids")) {
                grids.add(new GridChange(g.get("before").isNull() ? null : gridRow(g.get("before")),
                        gridRow(g.get("after"))));
            }
            return new Changes(moves, grids);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable edit log entry", e);
        }
    }

    private static RedistrictRepository.GridRow gridRow(JsonNode n) {
        return new RedistrictRepository.GridRow(n.get("key").asInt(), n.get("communityCode").asText(),
                n.get("name").asText(), n.get("sourceGridCode").isNull() ? null : n.get("sourceGridCode").asText(),
                n.get("locked").asBoolean(), n.get("deleted").asBoolean());
    }

    /** A drawn polygon or line (GeoJSON, EPSG:4326) in the metric CRS, checked as a class of bad input. */
    private Geometry drawn(JsonNode geojson, String parameter, boolean polygon) {
        Geometry g;
        try {
            if (geojson.toString().length() > 2_000_000) {
                throw ProblemException.invalidParameter(parameter, "at most 2 MB of GeoJSON");
            }
            g = new GeoJsonReader(new GeometryFactory(new PrecisionModel(), 4326)).read(geojson.toString());
        } catch (ParseException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw ProblemException.invalidParameter(parameter, "a GeoJSON " + (polygon ? "Polygon" : "LineString")
                    + " geometry in EPSG:4326 (lon, lat)");
        }
        if (polygon ? !(g instanceof Polygonal) : !(g instanceof LineString)) {
            throw ProblemException.invalidParameter(parameter, "must be a GeoJSON " + (polygon ? "Polygon" : "LineString")
                    + ", was " + g.getGeometryType());
        }
        if (g.isEmpty() || g.getNumPoints() > 10_000) {
            throw ProblemException.invalidParameter(parameter, "1–10,000 vertices");
        }
        for (org.locationtech.jts.geom.Coordinate co : g.getCoordinates()) {
            if (!Double.isFinite(co.x) || !Double.isFinite(co.y) || co.x < 73 || co.x > 136 || co.y < 3 || co.y > 54) {
                throw ProblemException.invalidParameter(parameter, "coordinates must be lon 73–136, lat 3–54 "
                        + "(EPSG:4326, longitude first)");
            }
        }
        if (!g.isValid()) {
            throw ProblemException.invalidParameter(parameter, "is not a valid geometry (" + new org.locationtech.jts
                    .operation.valid.IsValidOp(g).getValidationError() + ")");
        }
        return metric.toMetric(g);
    }

    private static void requireEditor(Caller caller) {
        if (!EDITORS.contains(caller.role())) {
            throw ProblemException.forbidden("role " + caller.role() + " may not redraw grids (网格调整 is for street "
                    + "and community staff and the district office)");
        }
    }

    private static void requireUnlocked(RedistrictRepository.GridRow g) {
        if (g != null && g.locked()) {
            throw ProblemException.of(ProblemTypes.CONFLICT, "The grid is locked", "grid " + g.key() + " ("
                    + g.name() + ") is locked: unlock it first");
        }
    }
}

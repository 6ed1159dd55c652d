package org.gridmap.building;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Singleton;
import org.gridmap.security.Audit;
import org.gridmap.security.Caller;
import org.gridmap.security.Masking;
import org.gridmap.support.Db;
import org.gridmap.support.ProblemException;
import org.gridmap.support.Rows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Buildings with their households. Household contact data is masked here for every caller; the clear values
 * leave only through {@link #reveal}, which writes the audit log first. Objects outside the caller's area are
 * reported as not found.
 */
@Singleton
class BuildingService {

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Household(String householdId, @Nullable Integer unit, int floor, @Nullable String room, int members,
                     int elderly, int children, int vulnerableMembers, boolean livingAlone,
                     @Nullable Integer oldestAge, @Nullable String contactName, @Nullable String phone,
                     @Nullable String idNumber) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record RevealedHousehold(String householdId, String buildingId, @Nullable Integer unit, int floor,
                             @Nullable String room, int members, int elderly, int children, int sick, int disabled,
                             int pregnant, boolean livingAlone, @Nullable Integer oldestAge,
                             @Nullable String contactName, @Nullable String phone, @Nullable String idNumber) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Steward(String stewardId, String name, String phone, String role, @Nullable Integer unit) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Inundation(String floodName, @Nullable LocalDate floodDate, BigDecimal depthM) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Building(String buildingId, @Nullable String name, @Nullable String address, int floors, int units,
                    String structure, @Nullable String safetyGrade, boolean basementDwelling, String use,
                    @Nullable String gridCode, @Nullable String communityCode, double footprintM2,
                    int householdCount, int people, List<Household> households, List<Steward> stewards,
                    List<Inundation> recordedInundation, Object geometry) {}

    private final Db db;
    private final BuildingRepository repo;
    private final Audit audit;
    private final JsonMapper json;

    BuildingService(Db db, BuildingRepository repo, Audit audit, JsonMapper json) {
        this.db = db;
        this.repo = repo;
        this.audit = audit;
        this.json = json;
    }

    Building building(Caller caller, String buildingId) {
        Building result = db.read(c -> {
            BuildingRepository.BuildingRow b = repo.find(c, buildingId)
                    .filter(row -> caller.covers(row.scopeCode()))
                    .orElseThrow(() -> ProblemException.notFound("building", buildingId));
            List<Household> hh = caller.role().readsHouseholds()
                    ? repo.households(c, b).stream().map(BuildingService::masked).toList() : List.of();
            List<Steward> st = repo.stewards(c, b).stream()
                    .map(s -> new Steward(s.stewardId(), s.name(), Masking.phone(s.phone()), s.role(), s.unit()))
                    .toList();
            List<Inundation> inund = repo.inundations(c, b).stream()
                    .map(i -> new Inundation(i.floodName(), i.floodDate(), i.depthM())).toList();
            return new Building(b.buildingId(), b.name(), b.address(), b.floors(), b.units(), b.structure(),
                    b.safetyGrade(), b.basementDwelling(), b.use(), b.gridCode(), b.communityCode(), b.footprintM2(),
                    hh.size(), hh.stream().mapToInt(Household::members).sum(), hh, st, inund,
                    Rows.geojson(json, b.geojson()));
        });
        if (!result.households().isEmpty()) {
            audit.record(caller, "READ_HOUSEHOLDS", "building", buildingId,
                    Map.of("households", result.households().size(), "masked", true));
        }
        return result;
    }

    RevealedHousehold reveal(Caller caller, String householdId, String reason) {
        caller.requireHouseholdAccess();
        if (reason == null || reason.strip().length() < 2 || reason.length() > 500) {
            throw ProblemException.invalidParameter("reason", "is required (2–500 characters): say why the "
                    + "clear contact data is needed; it is written to the audit log");
        }
        org.gridmap.support.Texts.check("reason", reason, false);
        BuildingRepository.HouseholdRow h = db.read(c -> repo.household(c, householdId))
                .filter(row -> caller.covers(row.scopeCode()))
                .orElseThrow(() -> ProblemException.notFound("household", householdId));
        audit.record(caller, "REVEAL", "household", householdId, Map.of("reason", reason.strip()));
        return new RevealedHousehold(h.householdId(), h.buildingId(), h.unit(), h.floor(), h.room(), h.members(),
                h.elderly(), h.children(), h.sick(), h.disabled(), h.pregnant(), h.livingAlone(), h.oldestAge(),
                h.contactName(), h.phone(), h.idNumber());
    }

    static Household masked(BuildingRepository.HouseholdRow h) {
        int vulnerable = h.vulnerable(); // gm_vulnerable_people: the one count
        return new Household(h.householdId(), h.unit(), h.floor(), h.room(), h.members(), h.elderly(), h.children(),
                vulnerable, h.livingAlone(), h.oldestAge(), Masking.name(h.contactName()), Masking.phone(h.phone()),
                Masking.idNumber(h.idNumber()));
    }
}

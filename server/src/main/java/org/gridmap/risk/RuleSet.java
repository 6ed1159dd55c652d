package org.gridmap.risk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A version of the 四色 rule's numbers (DESIGN §4 defaults in version 1). Editing creates a new version;
 * {@link #validate} refuses a rule set that would not make sense, naming each problem.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record RuleSet(@Nullable Integer version, BigDecimal storeyHeightM, BigDecimal basementDepthM,
                      BigDecimal redDepthM, BigDecimal redVulnerableDepthM, BigDecimal orangeDepthM,
                      List<String> weakGrades, List<String> deepZoneKinds, BigDecimal nearZoneM,
                      Map<String, List<String>> mustMove, @Nullable String note, @Nullable String createdBy,
                      @Nullable OffsetDateTime createdAt) {

    static final Set<String> GRADES = Set.of("A", "B", "C", "D");
    static final Set<String> KINDS = Set.of("FLOODWAY", "DETENTION", "LOW_LYING", "BREACH");
    static final Set<String> COLOURS = Set.copyOf(RiskColor.CODES);
    static final List<String> LEVELS = WarningLevel.CODES;

    void validate() {
        List<String> problems = new ArrayList<>();
        range(problems, "storey_height_m", storeyHeightM, 0.5, 10);
        range(problems, "basement_depth_m", basementDepthM, 0, 10);
        range(problems, "red_depth_m", redDepthM, 0.01, 10);
        range(problems, "red_vulnerable_depth_m", redVulnerableDepthM, 0, 10);
        range(problems, "orange_depth_m", orangeDepthM, 0, 10);
        range(problems, "near_zone_m", nearZoneM, 0, 200);
        if (orangeDepthM != null && redDepthM != null && orangeDepthM.compareTo(redDepthM) >= 0) {
            problems.add("orange_depth_m must be below red_depth_m");
        }
        if (redVulnerableDepthM != null && redDepthM != null && redVulnerableDepthM.compareTo(redDepthM) > 0) {
            problems.add("red_vulnerable_depth_m must not be above red_depth_m");
        }
        if (weakGrades == null || !GRADES.containsAll(weakGrades)) {
            problems.add("weak_grades must be a list of A, B, C, D");
        }
        if (deepZoneKinds == null || !KINDS.containsAll(deepZoneKinds)) {
            problems.add("deep_zone_kinds must be a list of FLOODWAY, DETENTION, LOW_LYING, BREACH");
        }
        if (mustMove == null || !mustMove.keySet().equals(Set.copyOf(LEVELS))) {
            problems.add("must_move needs exactly the warning levels IV, III, II, I");
        } else {
            mustMove.forEach((level, colours) -> {
                if (colours == null || !COLOURS.containsAll(colours)) {
                    problems.add("must_move." + level + " must list colours among RED, ORANGE, YELLOW, GREEN");
                }
            });
        }
        if (!problems.isEmpty()) {
            throw ProblemException.of(ProblemTypes.INVALID_CONTENT, "Invalid rule set",
                    String.join("; ", problems)).with("problems", problems);
        }
    }

    private static void range(List<String> problems, String name, BigDecimal v, double min, double max) {
        if (v == null) {
            problems.add(name + " is required");
        } else if (v.doubleValue() < min || v.doubleValue() > max) {
            problems.add(name + " must be between " + min + " and " + max + ", was " + v);
        }
    }
}

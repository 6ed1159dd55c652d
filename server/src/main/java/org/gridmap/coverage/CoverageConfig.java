package org.gridmap.coverage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

/**
 * Coverage QA thresholds and the household band (DESIGN §3; {@code gridmap.coverage.*}). The band is written to table
 * {@code setting} at start, so the map's grid layer (SQL) and this check use the same numbers.
 *
 * @param sliverM2            gaps, overlaps and outside parts smaller than this (m²) are not reported
 * @param edgeToleranceM      mismatched edges shorter than this (m) are not reported; also the validator's gap width
 * @param urbanMinHouseholds  the least households of an urban grid (城市社区按每 300—500 户标准划分 1 个网格)
 * @param urbanMaxHouseholds  the most households of an urban grid
 * @param ruralMinHouseholds  the least households of a rural grid (rural grids follow villages: no band by default)
 * @param ruralMaxHouseholds  the most households of a rural grid
 * @param maxListedFindings   findings listed in the JSON report (all are counted; GeoJSON and CSV give all)
 */
@ConfigurationProperties("gridmap.coverage")
public record CoverageConfig(@Bindable(defaultValue = "1.0") @DecimalMin("0") double sliverM2,
                             @Bindable(defaultValue = "0.5") @DecimalMin("0") double edgeToleranceM,
                             @Bindable(defaultValue = "300") @Min(0) int urbanMinHouseholds,
                             @Bindable(defaultValue = "500") @Min(1) int urbanMaxHouseholds,
                             @Bindable(defaultValue = "0") @Min(0) int ruralMinHouseholds,
                             @Bindable(defaultValue = "2147483647") @Min(1) int ruralMaxHouseholds,
                             @Bindable(defaultValue = "500") @Min(1) int maxListedFindings) {
    public CoverageConfig {
        if (urbanMinHouseholds > urbanMaxHouseholds || ruralMinHouseholds > ruralMaxHouseholds) {
            throw new IllegalArgumentException("gridmap.coverage: a household band's minimum is above its maximum ("
                    + "urban " + urbanMinHouseholds + "–" + urbanMaxHouseholds + ", rural " + ruralMinHouseholds + "–"
                    + ruralMaxHouseholds + ")");
        }
    }
}

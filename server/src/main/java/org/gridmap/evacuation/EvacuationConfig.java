package org.gridmap.evacuation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Evacuation planning ({@code gridmap.evacuation.*}).
 *
 * @param areaPerPersonShortM2 usable floor area per person for a short stay (≤ 72 h), GB 21734: a shelter's capacity
 *                             when only its usable area is given
 * @param areaPerPersonLongM2  usable floor area per person beyond 72 hours
 * @param householdsPerCadre   at most this many households per responsible cadre (包户干部)
 * @param candidateShelters    a building may be placed in one of its this-many nearest eligible shelters
 * @param occupancyWarning     a shelter at or above this share of its capacity is shown as nearly full
 * @param shelterMaxDepthM     a shelter where the scenario's water is deeper than this (m) takes no households
 */
@ConfigurationProperties("gridmap.evacuation")
public record EvacuationConfig(
        @Bindable(defaultValue = "1.5") @DecimalMin("0.5") @DecimalMax("50") double areaPerPersonShortM2,
        @Bindable(defaultValue = "3.7") @DecimalMin("0.5") @DecimalMax("50") double areaPerPersonLongM2,
        @Bindable(defaultValue = "10") @Min(1) @Max(1000) int householdsPerCadre,
        @Bindable(defaultValue = "30") @Min(1) @Max(10_000) int candidateShelters,
        @Bindable(defaultValue = "0.9") @DecimalMin("0.1") @DecimalMax("1") double occupancyWarning,
        @Bindable(defaultValue = "0.3") @DecimalMin("0") @DecimalMax("10") double shelterMaxDepthM) {}

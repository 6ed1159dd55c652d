package org.gridmap.routing;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Road routes for evacuation ({@code gridmap.routing.*}).
 *
 * @param roads          use road distances (pgRouting) when the extension is installed; otherwise, or when false,
 *                       distances are straight lines and plans say so
 * @param maxDepthM      routes avoid road segments inside zones of the scenario deeper than this (m); a building in
 *                       deeper water reaches the nearest road that is not, in a straight line (by boat or wading),
 *                       and that part is reported apart
 * @param cutoffM        a shelter farther than this by road (m) is not a candidate for a building
 * @param nearestVertices how many of the usable road vertices nearest in the plane are measured on the
 *                        spheroid for a building's or shelter's access point (the nearest of them is taken)
 * @param sheltersPerBuilding a building's road distances are kept to this many nearest shelters, and to as many
 *                        nearest accessible ones (the allocator's flow looks at fewer, candidate-shelters, but a
 *                        household whose near shelters are full falls back to any kept one: keeping too few leaves
 *                        people unplaced while farther shelters have room)
 */
@ConfigurationProperties("gridmap.routing")
public record RoutingConfig(
        @Bindable(defaultValue = "true") boolean roads,
        @Bindable(defaultValue = "0.3") @DecimalMin("0") @DecimalMax("10") double maxDepthM,
        @Bindable(defaultValue = "10000") @DecimalMin("100") @DecimalMax("200000") double cutoffM,
        @Bindable(defaultValue = "4") @Min(1) @Max(1000) int nearestVertices,
        @Bindable(defaultValue = "500") @Min(1) @Max(100_000) int sheltersPerBuilding) {}

package org.gridmap.redistricting;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Redistricting (网格调整, {@code gridmap.redistricting.*}). The household band is the coverage QA's
 * ({@code gridmap.coverage.*-households}).
 *
 * @param gpmetis           the METIS partitioner's command (Debian package {@code metis}; {@code ./gridmap} installs it)
 * @param partitionSeconds  a proposal's partitioner run is stopped after this many seconds per community
 * @param siteSpacingM      a footprint's outline is sampled at least this often (m) when grid boundaries are drawn
 *                          between buildings: smaller follows footprints more closely and costs more time
 * @param barrierWeight     a neighbour link that crosses a road or a river counts this share of one that does not,
 *                          so proposed boundaries prefer roads and rivers
 * @param maxDrafts         open drafts one user may keep
 */
@ConfigurationProperties("gridmap.redistricting")
public record RedistrictConfig(@Bindable(defaultValue = "gpmetis") @NotBlank String gpmetis,
                               @Bindable(defaultValue = "30") @Min(1) @Max(600) int partitionSeconds,
                               @Bindable(defaultValue = "10") @DecimalMin("1") @DecimalMax("100") double siteSpacingM,
                               @Bindable(defaultValue = "0.1") @DecimalMin("0.01") @DecimalMax("1") double barrierWeight,
                               @Bindable(defaultValue = "20") @Min(1) @Max(1000) int maxDrafts) {}

package org.gridmap.imports;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Limits that keep a hostile or broken file from hurting the service, and the checks against the district's data
 * ({@code gridmap.imports.*}).
 *
 * @param maxFeatures             features or rows in one file
 * @param maxVerticesPerFeature   vertices in one geometry (413 above)
 * @param maxTotalVertices        vertices in one file
 * @param maxJsonNesting          GeoJSON nesting depth (a MultiPolygon needs 7)
 * @param maxUnzippedBytes        bytes a zipped Shapefile may unpack to, counted while unpacking
 * @param maxArchiveEntries       entries in a zip
 * @param maxReportedErrors       row errors listed in a failed job (all are counted)
 * @param waitSeconds             how long POST /api/imports waits for the result before answering 202
 * @param workDir                 where uploads are unpacked; empty: the JVM's temporary directory
 * @param maxOutsideDistrictM     imported objects farther than this (m) from the district's county boundary are
 *                                refused (when the boundary is loaded)
 * @param minGridShareInCommunity the least share (0–1) of a grid's area that must lie inside the community its code
 *                                names
 */
@ConfigurationProperties("gridmap.imports")
public record ImportConfig(@Bindable(defaultValue = "1000000") @Min(1) int maxFeatures,
                           @Bindable(defaultValue = "250000") @Min(4) int maxVerticesPerFeature,
                           @Bindable(defaultValue = "30000000") @Min(4) long maxTotalVertices,
                           @Bindable(defaultValue = "32") @Min(7) @Max(1000) int maxJsonNesting,
                           @Bindable(defaultValue = "1073741824") @Min(1) long maxUnzippedBytes,
                           @Bindable(defaultValue = "64") @Min(3) int maxArchiveEntries,
                           @Bindable(defaultValue = "1000") @Min(1) int maxReportedErrors,
                           @Bindable(defaultValue = "30") @Min(0) @Max(3600) int waitSeconds,
                           @Nullable @Bindable(defaultValue = "") String workDir,
                           @Bindable(defaultValue = "5000") @DecimalMin("0") double maxOutsideDistrictM,
                           @Bindable(defaultValue = "0.5") @DecimalMin("0") @DecimalMax("1") double minGridShareInCommunity) {

    /** Where uploads are unpacked. */
    public String workDirectory() {
        return workDir == null || workDir.isBlank() ? System.getProperty("java.io.tmpdir") : workDir;
    }
}

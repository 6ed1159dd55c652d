package org.gridmap.support;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * Which district this installation serves ({@code gridmap.deployment.*}). Everything left empty is read from the
 * data (see {@link Deployment}): the district is the county-level area loaded (the first by code if there are
 * several), its name that area's name, the map's start view a point inside it.
 *
 * @param districtCode   the 6-digit county code (区县代码) the service is for; empty: the county area in the data
 * @param name           the name shown for the district (e.g. in the OGC API landing page); empty: from the data
 * @param jurisdictionId the Open311 jurisdiction_id clients may send; empty: the district code
 * @param contact        who runs the service, for Open311 discovery (e.g. a centre's name and hotline); empty: none
 * @param metricSrid     metric CRS for areas, distances and buffers: a CGCS2000 Gauss-Krüger zone that holds the
 *                       district (default 4550 = 3-degree zone, central meridian 123°E)
 */
@ConfigurationProperties("gridmap.deployment")
public record DeploymentConfig(
        @Nullable @Bindable(defaultValue = "") @Pattern(regexp = "(\\d{6})?") String districtCode,
        @Nullable @Bindable(defaultValue = "") String name,
        @Nullable @Bindable(defaultValue = "") String jurisdictionId,
        @Nullable @Bindable(defaultValue = "") String contact,
        @Bindable(defaultValue = "4550") @Min(2000) @Max(999_999) int metricSrid) {
}

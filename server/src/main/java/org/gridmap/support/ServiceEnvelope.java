package org.gridmap.support;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/**
 * The lon/lat box (EPSG:4326) every stored coordinate must fall in ({@code gridmap.service-envelope.*}); imports and
 * tickets outside it are refused before anything else is checked. The default is mainland China and its islands; an
 * installation narrows it to its district with a margin. (Imports are also checked against the district's loaded
 * boundary: {@code gridmap.imports.max-outside-district-m}.)
 */
@ConfigurationProperties("gridmap.service-envelope")
public record ServiceEnvelope(@Bindable(defaultValue = "73.4") @DecimalMin("-180") @DecimalMax("180") double minLon,
                              @Bindable(defaultValue = "18.1") @DecimalMin("-90") @DecimalMax("90") double minLat,
                              @Bindable(defaultValue = "135.1") @DecimalMin("-180") @DecimalMax("180") double maxLon,
                              @Bindable(defaultValue = "53.6") @DecimalMin("-90") @DecimalMax("90") double maxLat) {
    public ServiceEnvelope {
        if (!(minLon < maxLon && minLat < maxLat)) {
            throw new IllegalArgumentException("gridmap.service-envelope: min-lon must be below max-lon and min-lat "
                    + "below max-lat (got " + minLon + ", " + minLat + ", " + maxLon + ", " + maxLat + ")");
        }
    }

    public boolean contains(double lon, double lat) {
        return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
    }

    public String describe() {
        return "[" + minLon + ", " + minLat + ", " + maxLon + ", " + maxLat + "]";
    }

    public double[] box() {
        return new double[] {minLon, minLat, maxLon, maxLat};
    }
}

package org.gridmap.support;

import jakarta.inject.Singleton;

/**
 * The district this installation serves: what {@code gridmap.deployment.*} says, the rest read from the data (the
 * county-level area loaded). Nothing in the product names a particular district; another district is another
 * configuration and another dataset.
 */
@Singleton
public class Deployment {
    /**
     * @param districtCode   the 6-digit county code, or null before any county area is loaded
     * @param name           the district's name (configured, else the county area's name), or null
     * @param jurisdictionId the Open311 jurisdiction_id (configured, else the district code), or null
     * @param contact        who runs the service (configured), or null
     * @param centre         {lon, lat} a point inside the district, else the centre of the extent
     * @param extent         {minLon, minLat, maxLon, maxLat} of the loaded areas, else the service envelope
     */
    public record District(String districtCode, String name, String jurisdictionId, String contact, double[] centre,
                           double[] extent) {}

    private final Db db;
    private final DeploymentConfig config;
    private final ServiceEnvelope envelope;

    Deployment(Db db, DeploymentConfig config, ServiceEnvelope envelope) {
        this.db = db;
        this.config = config;
        this.envelope = envelope;
    }

    public DeploymentConfig config() {
        return config;
    }

    public ServiceEnvelope envelope() {
        return envelope;
    }

    /** Read now (cheap: one row over the area table), so a district loaded after start is seen at once. */
    public District district() {
        String asked = blank(config.districtCode()) ? null : config.districtCode();
        DeploymentRepository.Found f = db.read(c -> DeploymentRepository.district(c, asked));
        String code = asked != null ? asked : f.code();
        String name = !blank(config.name()) ? config.name() : f.name();
        String jurisdiction = !blank(config.jurisdictionId()) ? config.jurisdictionId() : code;
        double[] extent = f.extent() != null ? f.extent() : envelope.box();
        double[] centre = f.lon() != null ? new double[] {f.lon(), f.lat()}
                : new double[] {(extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2};
        return new District(code, name, jurisdiction, blank(config.contact()) ? null : config.contact(), centre,
                extent);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

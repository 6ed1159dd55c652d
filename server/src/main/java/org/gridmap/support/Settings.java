package org.gridmap.support;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration values SQL needs (table setting, read by gm_setting()): written once at start from the typed
 * configuration, so functions and views never hold a copy of a configurable number (the metric CRS, the household
 * band) and the schema never changes at run time.
 */
@Context
public class Settings {
    private final Db db;
    private final DeploymentConfig config;
    private final org.gridmap.coverage.CoverageConfig coverage;

    Settings(Db db, DeploymentConfig config, org.gridmap.coverage.CoverageConfig coverage) {
        this.db = db;
        this.config = config;
        this.coverage = coverage;
    }

    /** The values as SQL sees them. */
    public Map<String, String> values() {
        org.gridmap.coverage.CoverageConfig c = coverage;
        Map<String, String> m = new LinkedHashMap<>();
        m.put("metric_srid", String.valueOf(config.metricSrid()));
        m.put("urban_min_households", String.valueOf(c.urbanMinHouseholds()));
        m.put("urban_max_households", String.valueOf(c.urbanMaxHouseholds()));
        m.put("rural_min_households", String.valueOf(c.ruralMinHouseholds()));
        m.put("rural_max_households", String.valueOf(c.ruralMaxHouseholds()));
        return m;
    }

    @PostConstruct
    void write() {
        db.tx(c -> {
            SettingsRepository.put(c, values());
            return null;
        });
    }
}

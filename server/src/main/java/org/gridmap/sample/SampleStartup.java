package org.gridmap.sample;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** With {@code gridmap.sample.load=true} (docker-compose sets it), loads the sample on start if it is missing. */
@Singleton
class SampleStartup {
    private static final Logger LOG = LoggerFactory.getLogger(SampleStartup.class);
    private final SampleConfig config;
    private final SampleLoader loader;
    private final org.gridmap.risk.RiskService risk;

    SampleStartup(SampleConfig config, SampleLoader loader, org.gridmap.risk.RiskService risk) {
        this.risk = risk;
        this.config = config;
        this.loader = loader;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (config.load()) {
            loader.load(config.seedOrDefault(), config.householdsOrDefault(), config.password(), LOG::info);
            risk.classifyUnclassified(SampleLoader.SYSTEM, LOG::info);
        }
    }
}

package org.gridmap.sample;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.gridmap.support.GridmapConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** With {@code gridmap.sample.load=true} (docker-compose sets it), loads the sample on start if it is missing. */
@Singleton
class SampleStartup {
    private static final Logger LOG = LoggerFactory.getLogger(SampleStartup.class);
    private final GridmapConfig config;
    private final SampleLoader loader;

    SampleStartup(GridmapConfig config, SampleLoader loader) {
        this.config = config;
        this.loader = loader;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        GridmapConfig.Sample s = config.getSample();
        if (s.isLoad()) {
            loader.load(s.getSeed(), s.getHouseholds(), s.getDemoPassword(), LOG::info);
        }
    }
}

package org.gridmap.sample;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The sample city ({@code gridmap.sample.*}): loaded on start when {@code load} is true and it is not loaded yet
 * (docker-compose sets it; {@code ./gridmap run} loads it with the load-sample command instead).
 *
 * @param load         load the sample (and the demo users) on start if it is not there
 * @param households   about how many households to generate; empty: the generator's default
 * @param seed         the generator's seed (the same seed gives the same city); empty: the generator's default
 * @param demoPassword the demo users' password; empty: {@link #DEFAULT_DEMO_PASSWORD}
 */
@ConfigurationProperties("gridmap.sample")
public record SampleConfig(@Bindable(defaultValue = "false") boolean load,
                           @Nullable @Min(100) @Max(2_000_000) Integer households,
                           @Nullable Long seed,
                           @Nullable @Bindable(defaultValue = "") String demoPassword) {
    public static final String DEFAULT_DEMO_PASSWORD = "Gridmap@2026";

    public int householdsOrDefault() {
        return households != null ? households : BaichengSampleGenerator.DEFAULT_HOUSEHOLDS;
    }

    public long seedOrDefault() {
        return seed != null ? seed : BaichengSampleGenerator.DEFAULT_SEED;
    }

    public String password() {
        return demoPassword == null || demoPassword.isBlank() ? DEFAULT_DEMO_PASSWORD : demoPassword;
    }
}

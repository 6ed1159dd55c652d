package org.gridmap.ticket;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;
import java.util.List;

/**
 * Ticket routing, duplicates, escalation and the Open311 facade ({@code gridmap.tickets.*}).
 *
 * @param boundaryConfirmM       a point closer than this (m) to its grid's edge is flagged for staff to confirm
 * @param duplicateRadiusM       open tickets of the same category within this radius (m) are suggested as duplicates
 * @param duplicateWindowHours   …and filed within this many hours
 * @param maxNearestGridM        a point outside every grid goes to the nearest grid only within this distance (m);
 *                               farther is refused (422)
 * @param sweepBatch             tickets escalated per sweep transaction (the sweep repeats until nothing is due)
 * @param escalationEnabled      run the escalation sweep on this instance
 * @param escalationInterval     how often the sweep runs
 * @param escalationInitialDelay how long after start the first sweep runs
 * @param open311Keys            API keys accepted by POST /open311/v2/requests; empty: Open311 filing is closed
 */
@ConfigurationProperties("gridmap.tickets")
public record TicketConfig(@Bindable(defaultValue = "5.0") @DecimalMin("0") @DecimalMax("1000") double boundaryConfirmM,
                           @Bindable(defaultValue = "50.0") @DecimalMin("0") @DecimalMax("10000") double duplicateRadiusM,
                           @Bindable(defaultValue = "168") @Min(0) @Max(8760) int duplicateWindowHours,
                           @Bindable(defaultValue = "2000.0") @DecimalMin("0") @DecimalMax("100000") double maxNearestGridM,
                           @Bindable(defaultValue = "500") @Min(1) @Max(100_000) int sweepBatch,
                           @Bindable(defaultValue = "true") boolean escalationEnabled,
                           @Bindable(defaultValue = "30s") Duration escalationInterval,
                           @Bindable(defaultValue = "10s") Duration escalationInitialDelay,
                           @Nullable List<String> open311Keys) {
    public List<String> keys() {
        return open311Keys == null ? List.of() : open311Keys.stream().filter(k -> k != null && !k.isBlank()).toList();
    }
}

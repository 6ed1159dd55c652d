package org.gridmap.building;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.gridmap.security.Caller;

/** 楼栋 and 户: a building with its households (masked), and the audited reveal of one household. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "buildings")
class BuildingController {

    @Serdeable
    record RevealRequest(@Nullable String reason) {}

    private final BuildingService buildings;

    BuildingController(BuildingService buildings) {
        this.buildings = buildings;
    }

    @Operation(summary = "A building with its households (names, phones and ID numbers masked), stewards and "
            + "recorded inundation; the read is audited")
    @Get("/buildings/{buildingId}")
    BuildingService.Building get(@PathVariable String buildingId, Authentication auth) {
        return buildings.building(Caller.of(auth), buildingId);
    }

    @Operation(summary = "Clear contact and health data of one household, with a reason; audited")
    @Post("/households/{householdId}/reveal")
    BuildingService.RevealedHousehold reveal(@PathVariable String householdId, @Nullable @Body String json,
                                             Authentication auth) {
        RevealRequest body = org.gridmap.support.StrictJson.read(json, RevealRequest.class);
        return buildings.reveal(Caller.of(auth), householdId, body == null ? null : body.reason());
    }
}

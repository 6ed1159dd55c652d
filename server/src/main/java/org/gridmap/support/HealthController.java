package org.gridmap.support;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * {@code GET /health}: {"status":"UP"} when the database answers within 2 s, else 503 {"status":"DOWN"}. Nothing
 * else (no versions, URLs or sizes): it is public, for load balancers and docker-compose. The reason for DOWN goes
 * to the log.
 */
@Controller("/health")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "health")
class HealthController {
    private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);
    private final Db db;

    HealthController(Db db) {
        this.db = db;
    }

    @Operation(summary = "UP or DOWN, with a database check")
    @Get
    HttpResponse<Map<String, String>> health() {
        try {
            if (db.read(HealthRepository::answers)) {
                return HttpResponse.ok(Map.of("status", "UP"));
            }
        } catch (RuntimeException e) {
            LOG.warn("health: the database does not answer: {}", e.toString());
        }
        return HttpResponse.<Map<String, String>>status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "DOWN"));
    }
}

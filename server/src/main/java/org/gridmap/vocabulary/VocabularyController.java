package org.gridmap.vocabulary;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Map;

/** {@code GET /api/vocabulary}: the domain words with their Chinese and English names, for the web map (public). */
@Controller("/api/vocabulary")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "vocabulary")
class VocabularyController {
    private final Vocabularies vocabularies;

    VocabularyController(Vocabularies vocabularies) {
        this.vocabularies = vocabularies;
    }

    @Operation(summary = "Ticket statuses (with their open group) and levels (with the escalation ladder), 四色 colours, "
            + "warning levels, vulnerable kinds and the household band, each with Chinese and English names")
    @Get
    Map<String, Object> all() {
        return vocabularies.all();
    }
}

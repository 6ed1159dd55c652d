package org.gridmap.ticket;

import jakarta.inject.Singleton;
import org.gridmap.vocabulary.Vocabulary;
import org.gridmap.vocabulary.VocabularySource;

import java.util.List;

/** The ticket words: statuses with their open group (ticket_status) and levels with the ladder (ticket_level). */
@Singleton
class TicketVocabulary implements VocabularySource {
    @Override
    public List<Vocabulary> vocabularies() {
        return List.of(new Vocabulary("ticket_statuses", "ticket_status", List.of(Status.values())),
                new Vocabulary("ticket_levels", "ticket_level", List.of(Level.values())));
    }
}

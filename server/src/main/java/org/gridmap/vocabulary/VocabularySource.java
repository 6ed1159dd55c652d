package org.gridmap.vocabulary;

import java.util.List;

/** A feature's vocabularies (ticket statuses and levels; colours, warning levels, vulnerable kinds). */
public interface VocabularySource {
    List<Vocabulary> vocabularies();

    /**
     * Further agreements between the feature's Java and its SQL the start-up check must confirm (e.g. each rule's
     * colour in gm_risk_color); each returns null when it holds, else what differs.
     */
    default List<java.util.function.Function<VocabularyRepository, String>> checks() {
        return List.of();
    }
}

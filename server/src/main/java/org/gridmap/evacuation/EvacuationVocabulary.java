package org.gridmap.evacuation;

import jakarta.inject.Singleton;
import org.gridmap.vocabulary.Vocabulary;
import org.gridmap.vocabulary.VocabularySource;

import java.util.List;

/** The evacuation words: transfer statuses (transfer_status) and shelter statuses (shelter_status). */
@Singleton
class EvacuationVocabulary implements VocabularySource {
    @Override
    public List<Vocabulary> vocabularies() {
        return List.of(new Vocabulary("transfer_statuses", "transfer_status", List.of(TransferStatus.values())),
                new Vocabulary("shelter_statuses", "shelter_status", List.of(ShelterStatus.values())));
    }
}

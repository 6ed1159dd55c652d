package org.gridmap.risk;

import jakarta.inject.Singleton;
import org.gridmap.vocabulary.Vocabulary;
import org.gridmap.vocabulary.VocabularyRepository;
import org.gridmap.vocabulary.VocabularySource;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The 四色 words (colours, warning levels, vulnerable kinds), and each rule's colour as gm_risk_color gives it. */
@Singleton
class RiskVocabulary implements VocabularySource {
    @Override
    public List<Vocabulary> vocabularies() {
        return List.of(new Vocabulary("risk_colors", "risk_color", List.of(RiskColor.values())),
                new Vocabulary("warning_levels", "warning_level", List.of(WarningLevel.values())),
                new Vocabulary("vulnerable_kinds", "vulnerable_kind", List.of(VulnerableKind.values())));
    }

    @Override
    public List<Function<VocabularyRepository, String>> checks() {
        return List.of(repo -> {
            Map<Integer, String> sql = repo.sqlRuleColours();
            for (RiskRule r : RiskRule.values()) {
                if (!r.color().equals(sql.get(r.number())) || RiskColor.ofRule(r.number()) != r.colour()) {
                    return "rule " + r.number() + " (" + r + ") is " + r.color() + " in Java, " + sql.get(r.number())
                            + " in gm_risk_color, " + RiskColor.ofRule(r.number()) + " by risk_color";
                }
            }
            return null;
        });
    }
}

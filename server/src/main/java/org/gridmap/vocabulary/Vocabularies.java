package org.gridmap.vocabulary;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import org.gridmap.support.Settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Each domain word once: the vocabularies the features contribute, checked at start against their reference tables
 * (codes, order, names and every further column), plus each feature's own agreements between Java and SQL. A
 * difference stops the service from starting, with a message that names it; GET /api/vocabulary gives the words to
 * the web map, which keeps no list of its own.
 */
@Context
public class Vocabularies {
    private final List<VocabularySource> sources;
    private final VocabularyRepository repository;
    private final Settings settings;

    Vocabularies(List<VocabularySource> sources, VocabularyRepository repository, Settings settings) {
        this.sources = sources;
        this.repository = repository;
        this.settings = settings;
    }

    @PostConstruct
    void checkAtStart() {
        List<String> problems = check();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the vocabulary in Java and in the database differ: "
                    + String.join("; ", problems));
        }
    }

    /** Every difference between the Java vocabularies and the database (empty when they agree). */
    public List<String> check() {
        List<String> problems = new ArrayList<>();
        for (VocabularySource s : sources) {
            for (Vocabulary v : s.vocabularies()) {
                List<Map<String, Object>> rows = repository.rows(v.table());
                if (rows.size() != v.terms().size()) {
                    problems.add(v.table() + " has " + rows.size() + " rows, Java " + v.terms().size() + " terms");
                    continue;
                }
                Map<String, Map<String, Object>> byCode = new LinkedHashMap<>();
                rows.forEach(r -> byCode.put(String.valueOf(r.get("code")), r));
                for (Term t : v.terms()) {
                    Map<String, Object> r = byCode.get(t.code());
                    if (r == null) {
                        problems.add(v.table() + " lacks " + t.code());
                        continue;
                    }
                    Map<String, Object> expected = new LinkedHashMap<>();
                    expected.put("rank", t.rank());
                    expected.put("zh", t.zh());
                    expected.put("en", t.en());
                    expected.putAll(t.attributes());
                    expected.forEach((column, value) -> {
                        if (!r.containsKey(column)) {
                            problems.add(v.table() + " has no column " + column);
                        } else if (!Objects.equals(String.valueOf(value), String.valueOf(r.get(column)))) {
                            problems.add(v.table() + "." + column + " of " + t.code() + " is " + r.get(column)
                                    + " in the database, " + value + " in Java");
                        }
                    });
                }
            }
            for (var c : s.checks()) {
                String p = c.apply(repository);
                if (p != null) {
                    problems.add(p);
                }
            }
        }
        return problems;
    }

    /** Every vocabulary as the web map reads it: name → words (code, rank, zh, en and further columns); the band. */
    public Map<String, Object> all() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (VocabularySource s : sources) {
            for (Vocabulary v : s.vocabularies()) {
                out.put(v.name(), repository.rows(v.table()));
            }
        }
        Map<String, String> set = settings.values();
        Map<String, Integer> band = new LinkedHashMap<>();
        for (String k : List.of("urban_min_households", "urban_max_households", "rural_min_households",
                "rural_max_households")) {
            band.put(k, Integer.parseInt(set.get(k)));
        }
        out.put("household_band", band);
        return out;
    }
}

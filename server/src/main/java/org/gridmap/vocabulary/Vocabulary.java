package org.gridmap.vocabulary;

import java.util.List;

/**
 * A domain vocabulary as Java names it (an enum's constants) and the reference table that holds the same words for
 * SQL (V10__schema.sql). {@code name} is how GET /api/vocabulary calls it.
 */
public record Vocabulary(String name, String table, List<? extends Term> terms) {}

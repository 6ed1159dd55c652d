package org.gridmap.vocabulary;

import java.util.Map;

/**
 * One word of a domain vocabulary (docs/glossary.md): its code, its place in order, its Chinese and English names,
 * and what else a feature's rules read about it (as the columns of its reference table name them). The Java enums
 * that name these words implement this, so the start-up check can compare them with the reference tables.
 */
public interface Term {
    String code();

    int rank();

    String zh();

    String en();

    /** Further columns of the reference table, by column name (e.g. ticket_status.open, ticket_level.next). */
    default Map<String, Object> attributes() {
        return Map.of();
    }
}

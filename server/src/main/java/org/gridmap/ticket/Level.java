package org.gridmap.ticket;

import org.gridmap.vocabulary.Term;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a ticket is handled, and the ladder an overdue one climbs: 社区 → 街道 → 区级平台 → 部门 ("小事不出社区、大事不出
 * 街道、难事不出县域"). The same ladder is in table ticket_level (its {@code next} column), which the escalation sweep
 * follows; the service compares the two at start.
 */
public enum Level implements Term {
    COMMUNITY("社区", "Community"), STREET("街道", "Street"), DISTRICT("区级平台", "District platform"),
    DEPARTMENT("部门", "Department");

    public final String zh;
    private final String en;

    Level(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    /** The next level up; the top level has none. */
    public Level next() {
        return this == DEPARTMENT ? null : values()[ordinal() + 1];
    }

    public boolean isTop() {
        return next() == null;
    }

    @Override
    public String code() {
        return name();
    }

    @Override
    public int rank() {
        return ordinal() + 1;
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> m = new HashMap<>();
        m.put("next", next() == null ? null : next().name());
        return m;
    }
}

package org.gridmap.risk;

import org.gridmap.vocabulary.Term;

import java.util.Map;

/**
 * 脆弱人员 (DESIGN §2): the kinds of vulnerable member a household counts, each in its household column. The one
 * count of a household's vulnerable people is gm_vulnerable_people (R__10_foundation.sql). Table vulnerable_kind.
 */
public enum VulnerableKind implements Term {
    ELDERLY("elderly", "老人（70岁及以上）", "Elderly (70 or over)"), CHILD("children", "幼儿（6岁以下）", "Children (under 6)"),
    SICK("sick", "病患/卧床", "Sick or bed-ridden"), DISABLED("disabled", "残疾", "Disabled"),
    PREGNANT("pregnant", "孕妇", "Pregnant"), ALONE("living_alone", "独居老人", "Elderly living alone");

    private final String column;
    private final String zh;
    private final String en;

    VulnerableKind(String column, String zh, String en) {
        this.column = column;
        this.zh = zh;
        this.en = en;
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
        return Map.of("column_name", column);
    }
}

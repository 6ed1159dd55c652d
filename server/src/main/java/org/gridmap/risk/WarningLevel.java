package org.gridmap.risk;

import org.gridmap.vocabulary.Term;

import java.util.List;

/**
 * 预警级别 IV 蓝, III 黄, II 橙, I 红 (rank 1 is the most severe). Which colours must move at each is part of the rule
 * set (risk_rule_set.must_move_iv … must_move_i). Table warning_level holds the same words.
 */
public enum WarningLevel implements Term {
    IV("Ⅳ级（蓝）", "IV (blue)", 4), III("Ⅲ级（黄）", "III (yellow)", 3), II("Ⅱ级（橙）", "II (orange)", 2),
    I("Ⅰ级（红）", "I (red)", 1);

    /** The codes from the mildest to the most severe, as the rule set's columns follow them. */
    public static final List<String> CODES = List.of(IV.name(), III.name(), II.name(), I.name());

    private final String zh;
    private final String en;
    private final int rank;

    WarningLevel(String zh, String en, int rank) {
        this.zh = zh;
        this.en = en;
        this.rank = rank;
    }

    @Override
    public String code() {
        return name();
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }
}

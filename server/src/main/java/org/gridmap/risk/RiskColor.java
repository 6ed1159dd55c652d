package org.gridmap.risk;

import org.gridmap.vocabulary.Term;

import java.util.List;
import java.util.Map;

/**
 * 四色, most urgent first. {@code lastRule}: the rules of gm_risk_rule up to this number (after the previous colour's)
 * give this colour. Table risk_color holds the same; the service compares them, and gm_risk_color, at start.
 */
public enum RiskColor implements Term {
    RED("红色", "Red", 5, "#d73027"), ORANGE("橙色", "Orange", 7, "#fc8d59"), YELLOW("黄色", "Yellow", 9, "#fee08b"),
    GREEN("绿色", "Green", 10, "#1a9850");

    /** The codes in order, as the count arrays of risk_area hold them ({red, orange, yellow, green}). */
    public static final List<String> CODES = List.of(RED.name(), ORANGE.name(), YELLOW.name(), GREEN.name());

    private final String zh;
    private final String en;
    private final int lastRule;
    private final String hex;

    RiskColor(String zh, String en, int lastRule, String hex) {
        this.zh = zh;
        this.en = en;
        this.lastRule = lastRule;
        this.hex = hex;
    }

    /** The colour of a rule number (1–10). */
    public static RiskColor ofRule(int rule) {
        for (RiskColor c : values()) {
            if (rule <= c.lastRule) {
                return c;
            }
        }
        throw new IllegalArgumentException("no rule " + rule);
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
        return Map.of("last_rule", lastRule, "hex", hex);
    }
}

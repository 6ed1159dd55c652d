package org.gridmap.risk;

/**
 * The rules of the 四色 classification in the order they are tried (DESIGN §4); numbers match gm_risk_rule in
 * db/migration/R__30_risk.sql, which is the only implementation. Lower number = more urgent.
 */
public enum RiskRule {
    RED_DEPTH(1, RiskColor.RED, "有效水深达到或超过 %s m", "effective depth at the dwelling is %s m or more"),
    RED_BASEMENT(2, RiskColor.RED, "地下室住户且楼栋有积水", "basement dwelling in a flooded building"),
    RED_WEAK_BUILDING(3, RiskColor.RED, "%s级危房且有积水", "grade %s building with water"),
    RED_VULNERABLE(4, RiskColor.RED, "有脆弱人员且有效水深超过 %s m", "vulnerable member and effective depth above %s m"),
    RED_DEEP_ZONE(5, RiskColor.RED, "位于行洪区或蓄滞洪区", "in a floodway or detention basin"),
    ORANGE_DEPTH(6, RiskColor.ORANGE, "有效水深超过 %s m", "effective depth above %s m"),
    ORANGE_VULNERABLE(7, RiskColor.ORANGE, "有脆弱人员，楼栋有积水（可能被困高层）",
            "vulnerable member in a flooded building (may be cut off upstairs)"),
    YELLOW_SHALLOW(8, RiskColor.YELLOW, "楼栋有积水但本层有效水深不超过 %s m", "water in the building, at most %s m at the dwelling"),
    YELLOW_NEAR(9, RiskColor.YELLOW, "距洪水风险区 %s m 以内", "within %s m of a flood zone"),
    GREEN(10, RiskColor.GREEN, "不受本情景洪水影响", "not affected by this scenario");

    private final int number;
    private final RiskColor color;
    private final String zh;
    private final String en;

    RiskRule(int number, RiskColor color, String zh, String en) {
        this.number = number;
        this.color = color;
        this.zh = zh;
        this.en = en;
    }

    public int number() {
        return number;
    }

    /** The colour's code (RED, ORANGE, YELLOW, GREEN). */
    public String color() {
        return color.name();
    }

    public RiskColor colour() {
        return color;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    public static RiskRule of(int number) {
        for (RiskRule r : values()) {
            if (r.number == number) {
                return r;
            }
        }
        throw new IllegalArgumentException("no rule " + number);
    }
}

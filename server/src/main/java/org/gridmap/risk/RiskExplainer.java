package org.gridmap.risk;


import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Puts a household's colour into words, Chinese and English, from the inputs the rule used. */
final class RiskExplainer {
    private static final Map<String, String[]> KIND_NAMES = Map.of(
            "FLOODWAY", new String[] {"行洪区", "floodway"},
            "DETENTION", new String[] {"蓄滞洪区", "detention basin"},
            "LOW_LYING", new String[] {"低洼易涝区", "low-lying area"},
            "BREACH", new String[] {"溃堤影响区", "levee-breach area"});

    private RiskExplainer() {}

    static RiskService.Explanation explain(RiskRepository.HouseholdInputs h, RiskService.Scenario s, RuleSet rules) {
        RiskRule rule = RiskRule.of(h.rule());
        int floor = h.floor();
        BigDecimal d = m(h.depthM());
        BigDecimal model = m(h.modelDepthM());
        BigDecimal recorded = m(h.recordedDepthM());
        BigDecimal e = m(h.effectiveM());
        String flood = h.recordedFlood();
        List<String> kinds = h.zoneKinds();
        Double near = h.nearM();
        String grade = h.safetyGrade();
        int elderly = h.elderly();
        int children = h.children();
        int sick = h.sick();
        int disabled = h.disabled();
        int pregnant = h.pregnant();
        boolean alone = h.livingAlone();
        Integer oldest = h.oldestAge();

        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        zh.add(floor == 0 ? "地下室住户" : (floor <= 10 ? String.valueOf("一二三四五六七八九十".charAt(floor - 1)) : String.valueOf(floor))
                + "层住户");
        en.add(floor == 0 ? "basement dwelling" : "floor " + floor);
        if (d.signum() > 0) {
            if (recorded != null && (model == null || recorded.compareTo(model) > 0)) {
                zh.add("历次洪水进水深度 " + recorded + " m" + (flood == null ? "" : "（" + flood + "）")
                        + (model == null ? "" : "，深于设计水深 " + model + " m"));
                en.add("recorded inundation " + recorded + " m" + (flood == null ? "" : " (" + flood + ")")
                        + (model == null ? "" : ", deeper than the design depth " + model + " m"));
            } else {
                zh.add("设计水深 " + d + " m");
                en.add("design depth " + d + " m");
            }
            zh.add("本层有效水深 " + e + " m");
            en.add("effective depth at the dwelling " + e + " m");
        } else if (near != null) {
            zh.add("楼栋距洪水风险区 " + Math.round(near) + " m");
            en.add("building " + Math.round(near) + " m from a flood zone");
        } else {
            zh.add("楼栋不在洪水风险区内");
            en.add("building outside the flood zones");
        }
        for (String k : kinds) {
            String[] n = KIND_NAMES.get(k);
            if (n != null) {
                zh.add("位于" + n[0]);
                en.add("in a " + n[1]);
            }
        }
        if (grade != null && rules.weakGrades().contains(grade)) {
            zh.add(grade + "级危房");
            en.add("building safety grade " + grade);
        }
        if (alone && oldest != null) {
            zh.add("有 " + oldest + " 岁独居老人");
            en.add(article(oldest) + " " + oldest + "-year-old living alone");
        } else if (elderly > 0) {
            zh.add(elderly == 1 && oldest != null ? "有 " + oldest + " 岁老人" : "有 " + elderly + " 名 70 岁以上老人");
            en.add(elderly == 1 && oldest != null ? article(oldest) + " " + oldest + "-year-old"
                    : elderly + " people aged 70 or over");
        }
        if (children > 0) {
            zh.add("有 " + children + " 名 6 岁以下儿童");
            en.add(children + " child" + (children > 1 ? "ren" : "") + " under 6");
        }
        if (sick > 0) {
            zh.add("有病/卧床人员");
            en.add("someone ill or bedridden");
        }
        if (disabled > 0) {
            zh.add("有残疾人");
            en.add("a person with a disability");
        }
        if (pregnant > 0) {
            zh.add("有孕妇");
            en.add("a pregnant woman");
        }
        String threshold = switch (rule) {
            case RED_DEPTH -> rules.redDepthM().stripTrailingZeros().toPlainString();
            case RED_VULNERABLE -> rules.redVulnerableDepthM().stripTrailingZeros().toPlainString();
            case ORANGE_DEPTH, YELLOW_SHALLOW -> rules.orangeDepthM().stripTrailingZeros().toPlainString();
            case YELLOW_NEAR -> rules.nearZoneM().stripTrailingZeros().toPlainString();
            case RED_WEAK_BUILDING -> grade;
            default -> "";
        };
        String[] colour = {rule.colour().zh(), rule.colour().en().toLowerCase(java.util.Locale.ROOT)};
        String reasonZh = String.join("，", zh) + "：" + colour[0] + "（" + String.format(rule.zh(), threshold) + "）";
        String reasonEn = capitalise(String.join(", ", en)) + ": " + colour[1] + " (" + String.format(rule.en(), threshold)
                + ")";
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("floor", floor);
        inputs.put("storey_height_m", rules.storeyHeightM());
        inputs.put("design_depth_m", model);
        inputs.put("recorded_depth_m", recorded);
        inputs.put("recorded_flood", flood);
        inputs.put("depth_m", d);
        inputs.put("effective_depth_m", e);
        inputs.put("zone_kinds", kinds);
        inputs.put("distance_to_zone_m", near == null ? null : Math.round(near));
        inputs.put("safety_grade", grade);
        inputs.put("vulnerable", h.vulnerable());
        inputs.put("elderly", elderly);
        inputs.put("children", children);
        inputs.put("living_alone", alone);
        inputs.put("oldest_age", oldest);
        return new RiskService.Explanation(h.householdId(), h.buildingId(), s.code(),
                s.ruleSetVersion(), rule.color(), rule.name(), rule.number(), reasonZh, reasonEn, inputs);
    }

    /** Metres for people: 1.2, 0.8, 1.35, 3.0 (two decimals at most, one at least). */
    private static BigDecimal m(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal r = v.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return r.scale() < 1 ? r.setScale(1, RoundingMode.UNNECESSARY) : r;
    }

    /** "an 84-year-old", "an 11-year-old", "a 92-year-old". */
    private static String article(int age) {
        String a = String.valueOf(age);
        return a.startsWith("8") || a.equals("11") || a.equals("18") ? "an" : "a";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

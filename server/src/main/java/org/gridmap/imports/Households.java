package org.gridmap.imports;

import java.util.List;
import java.util.Map;

/**
 * The rules a household row must keep with itself (its building is checked in SQL, sql/imports/households_check.sql:
 * a floor above the building's floors, a basement dwelling the building does not have, a unit it does not have).
 * The vulnerable groups (DESIGN §2) overlap only where a person can be in both: an elderly person may be sick or
 * disabled, but nobody is both under 6 and 70 or over, and neither is pregnant; so elderly + children + pregnant can
 * never exceed members. 独居 means an elderly person living alone (独居老人). Ages agree with the groups: an oldest
 * member of 70 or more is an elderly member, an oldest member under 6 makes every member a child. (Ages are not
 * compared with ID numbers' birth dates: a register's ages are as old as the register.)
 */
final class Households {
    static final int ELDERLY_AGE = 70;
    static final int CHILD_AGE = 6;

    private Households() {}

    /** The first contradiction in a typed household row, or null. */
    static String contradiction(Map<String, Object> v) {
        int members = ((Number) v.get("members")).intValue();
        for (String f : List.of("elderly", "children", "sick", "disabled", "pregnant")) {
            Object x = v.get(f);
            if (x != null && ((Number) x).intValue() > members) {
                return f + " (" + x + ") is more than members (" + members + ")";
            }
        }
        int elderly = count(v, "elderly");
        int children = count(v, "children");
        int pregnant = count(v, "pregnant");
        if (elderly + children + pregnant > members) {
            return "elderly (" + elderly + ") + children (" + children + ") + pregnant (" + pregnant + ") is more than "
                    + "members (" + members + "); nobody can be in two of these groups";
        }
        if (Boolean.TRUE.equals(v.get("living_alone"))) {
            if (members != 1) {
                return "living_alone is set but members is " + members;
            }
            if (elderly != 1 && !(v.get("oldest_age") instanceof Number a && a.intValue() >= ELDERLY_AGE)) {
                return "living_alone marks an elderly person living alone (独居老人), but the household has no "
                        + "elderly member (elderly is " + elderly + ")";
            }
        }
        if (v.get("oldest_age") instanceof Number oldestN) {
            int oldest = oldestN.intValue();
            if (oldest >= ELDERLY_AGE && elderly == 0) {
                return "oldest_age is " + oldest + " but elderly is 0 (a member of " + ELDERLY_AGE + " or over is "
                        + "elderly)";
            }
            if (oldest < ELDERLY_AGE && elderly > 0) {
                return "elderly is " + elderly + " but oldest_age is " + oldest + " (under " + ELDERLY_AGE + ")";
            }
            if (oldest < CHILD_AGE && children < members) {
                return "oldest_age is " + oldest + ", so every member is under " + CHILD_AGE + ", but children is "
                        + children + " of " + members;
            }
        }
        return null;
    }

    private static int count(Map<String, Object> v, String f) {
        return v.get(f) instanceof Number n ? n.intValue() : 0;
    }
}

package org.gridmap.support;

/**
 * The advisory locks gridmap takes, each with its class number (the first key of PostgreSQL's two-key advisory
 * locks; the second names the thing locked). Defined here once so two features never share a number by accident.
 * {@code gm_instance_alive()} (R__10_foundation.sql) reads {@link #INSTANCE}'s number.
 */
public enum Lock {
    /** One 四色 run per scenario at a time (second key: the scenario id). */
    RISK_RUN(7261),
    /** Held by each server process for its lifetime (second key: the instance key); see {@link Instance}. */
    INSTANCE(7262),
    /** One login attempt per user at a time, so failures are counted exactly (second key: a hash of the user). */
    LOGIN(7263),
    /** One rebuild of the coverage findings layer at a time (second key: 0). */
    COVERAGE_FINDINGS(7264),
    /** One load of a sample dataset at a time (second key: a hash of the dataset's name). */
    SAMPLE_LOAD(7265),
    /** One start of a 四色 run per scenario at a time, so that two requests cannot both start one (second key: the
     *  scenario id). */
    RISK_START(7266),
    /** One change to the evacuations (flood mode switch, plan start) at a time (second key: 0). */
    EVACUATION(7267),
    /** One redistricting publish at a time, so overlapping drafts publish one after the other (second key: 0). */
    REDISTRICT_PUBLISH(7268);

    public final int classId;

    Lock(int classId) {
        this.classId = classId;
    }
}

package org.gridmap.ticket;

/** Where a ticket is handled: 社区 → 街道 → 区级平台 → 部门 ("小事不出社区、大事不出街道、难事不出县域"). */
public enum Level {
    COMMUNITY("社区"), STREET("街道"), DISTRICT("区级平台"), DEPARTMENT("部门");

    public final String zh;

    Level(String zh) {
        this.zh = zh;
    }

    public Level next() {
        return this == DEPARTMENT ? DEPARTMENT : values()[ordinal() + 1];
    }
}

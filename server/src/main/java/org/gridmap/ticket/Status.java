package org.gridmap.ticket;

import java.util.EnumSet;
import java.util.Set;

/** 工单状态: 待受理 → 已派遣 → 处理中 → 已办结 → 已回访 → 已关闭, plus 退回 and 重开. */
public enum Status {
    PENDING("待受理"), DISPATCHED("已派遣"), IN_PROGRESS("处理中"), RESOLVED("已办结"), VISITED("已回访"),
    CLOSED("已关闭"), RETURNED("退回"), REOPENED("重开");

    public static final Set<Status> OPEN = EnumSet.of(PENDING, DISPATCHED, IN_PROGRESS, RETURNED, REOPENED);

    public final String zh;

    Status(String zh) {
        this.zh = zh;
    }

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}

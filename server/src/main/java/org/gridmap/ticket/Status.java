package org.gridmap.ticket;

import org.gridmap.vocabulary.Term;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * 工单状态: 待受理 → 已派遣 → 处理中 → 已办结 → 已回访 → 已关闭, plus 退回 and 重开. The open group is what is still to be
 * handled (it escalates when overdue; Open311 calls it "open"). The same words are in table ticket_status, with
 * which the service compares this enum at start; {@code hex} is the status's colour on the map.
 */
public enum Status implements Term {
    PENDING("待受理", "Pending", true, "#e6550d"), DISPATCHED("已派遣", "Dispatched", true, "#fd8d3c"),
    IN_PROGRESS("处理中", "In progress", true, "#3182bd"), RESOLVED("已办结", "Resolved", false, "#31a354"),
    VISITED("已回访", "Followed up", false, "#31a354"), CLOSED("已关闭", "Closed", false, "#969696"),
    RETURNED("退回", "Returned", true, "#756bb1"), REOPENED("重开", "Reopened", true, "#e6550d");

    public static final Set<Status> OPEN = EnumSet.noneOf(Status.class);
    public static final Set<Status> CLOSED_GROUP = EnumSet.noneOf(Status.class);

    static {
        for (Status s : values()) {
            (s.open ? OPEN : CLOSED_GROUP).add(s);
        }
    }

    public final String zh;
    private final String en;
    private final boolean open;
    private final String hex;

    Status(String zh, String en, boolean open, String hex) {
        this.zh = zh;
        this.en = en;
        this.open = open;
        this.hex = hex;
    }

    public boolean isOpen() {
        return open;
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
        return Map.of("open", open, "hex", hex);
    }
}

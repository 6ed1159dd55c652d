package org.gridmap.ticket;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static org.gridmap.ticket.Status.CLOSED;
import static org.gridmap.ticket.Status.DISPATCHED;
import static org.gridmap.ticket.Status.IN_PROGRESS;
import static org.gridmap.ticket.Status.PENDING;
import static org.gridmap.ticket.Status.REOPENED;
import static org.gridmap.ticket.Status.RESOLVED;
import static org.gridmap.ticket.Status.RETURNED;
import static org.gridmap.ticket.Status.VISITED;

/**
 * The transitions a ticket allows, each from a set of statuses; anything else is refused with 409. {@code to} is
 * null for actions that keep the status (escalate, reroute, call, report).
 */
public enum Action {
    DISPATCH("派遣", EnumSet.of(PENDING, RETURNED, REOPENED), DISPATCHED, false),
    START("开始处理", EnumSet.of(DISPATCHED), IN_PROGRESS, false),
    RESOLVE("办结", EnumSet.of(IN_PROGRESS), RESOLVED, false),
    VISIT("回访", EnumSet.of(RESOLVED), VISITED, false),
    CLOSE("关闭", EnumSet.of(VISITED), CLOSED, false),
    RETURN("退回", EnumSet.of(DISPATCHED, IN_PROGRESS), RETURNED, true),
    REOPEN("重开", EnumSet.of(RESOLVED, VISITED, CLOSED), REOPENED, true),
    ESCALATE("上报", Status.OPEN, null, true),
    REROUTE("改派网格", Status.OPEN, null, false),
    CALL("吹哨", Status.OPEN, null, false),
    REPORT("报到", Status.OPEN, null, false),
    LINK_DUPLICATE("合并重复", Status.OPEN, CLOSED, false);

    public final String zh;
    public final Set<Status> from;
    public final Status to;
    public final boolean needsReason;

    Action(String zh, Set<Status> from, Status to, boolean needsReason) {
        this.zh = zh;
        this.from = from;
        this.to = to;
        this.needsReason = needsReason;
    }

    /** The action named in a URL ("link-duplicate"). */
    public static Optional<Action> parse(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String urlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

package org.gridmap.ticket;

import java.util.EnumSet;
import java.util.List;
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
    DISPATCH("派遣", EnumSet.of(PENDING, RETURNED, REOPENED), DISPATCHED, false, List.of(), List.of("assignee", "note")),
    START("开始处理", EnumSet.of(DISPATCHED), IN_PROGRESS, false, List.of(), List.of("note")),
    RESOLVE("办结", EnumSet.of(IN_PROGRESS), RESOLVED, false, List.of(), List.of("note")),
    VISIT("回访", EnumSet.of(RESOLVED), VISITED, false, List.of("rating"), List.of("note")),
    CLOSE("关闭", EnumSet.of(VISITED), CLOSED, false, List.of(), List.of("note")),
    RETURN("退回", EnumSet.of(DISPATCHED, IN_PROGRESS), RETURNED, true, List.of("reason"), List.of()),
    REOPEN("重开", EnumSet.of(RESOLVED, VISITED, CLOSED), REOPENED, true, List.of("reason"), List.of()),
    ESCALATE("上报", Status.OPEN, null, true, List.of("reason"), List.of()),
    REROUTE("改派网格", Status.OPEN, null, false, List.of("grid_code"), List.of("reason")),
    CALL("吹哨", Status.OPEN, null, false, List.of("departments"), List.of("note")),
    REPORT("报到", Status.OPEN, null, false, List.of("department"), List.of("note")),
    LINK_DUPLICATE("合并重复", Status.OPEN, CLOSED, false, List.of("duplicate_of"), List.of("reason"));

    public final String zh;
    public final Set<Status> from;
    public final Status to;
    public final boolean needsReason;
    /** The body fields (snake_case) the action requires, and those it also takes. */
    public final List<String> required;
    public final List<String> optional;

    Action(String zh, Set<Status> from, Status to, boolean needsReason, List<String> required, List<String> optional) {
        this.zh = zh;
        this.from = from;
        this.to = to;
        this.needsReason = needsReason;
        this.required = required;
        this.optional = optional;
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

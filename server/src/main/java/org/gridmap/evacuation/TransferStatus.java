package org.gridmap.evacuation;

import org.gridmap.vocabulary.Term;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * 转移状态: 待转移 → 已通知 → 转移中 → 已到达 (at a shelter) or 投亲靠友 (with relatives) → 已返回, plus 拒绝转移 and 失联.
 * settled: the household is safe; in_shelter: it counts against a shelter's occupancy. Table transfer_status holds
 * the same words. 已到达 is reached only by a check-in at a shelter (which takes a place there).
 */
public enum TransferStatus implements Term {
    // zh, en, settled, in shelter, field step, final, needs a note
    PENDING("待转移", "To move", false, false, false, false, false),
    NOTIFIED("已通知", "Notified", false, false, true, false, false),
    MOVING("转移中", "Moving", false, false, true, false, false),
    ARRIVED("已到达", "Arrived", true, true, false, false, false),
    WITH_RELATIVES("投亲靠友", "With relatives", true, false, true, false, true),
    RETURNED("已返回", "Returned", true, false, true, true, false),
    REFUSED("拒绝转移", "Refused", false, false, true, false, true),
    UNREACHABLE("失联", "Unreachable", false, false, true, false, false);

    private final String zh;
    private final String en;
    private final boolean settled;
    private final boolean inShelter;
    private final boolean fieldStep;
    private final boolean last;
    private final boolean needsNote;

    TransferStatus(String zh, String en, boolean settled, boolean inShelter, boolean fieldStep, boolean last,
                   boolean needsNote) {
        this.zh = zh;
        this.en = en;
        this.settled = settled;
        this.inShelter = inShelter;
        this.fieldStep = fieldStep;
        this.last = last;
        this.needsNote = needsNote;
    }

    public boolean needsNote() {
        return needsNote;
    }

    public boolean fieldStep() {
        return fieldStep;
    }

    public boolean settled() {
        return settled;
    }

    public boolean inShelter() {
        return inShelter;
    }

    /**
     * The statuses a field update (not a check-in) may set from this one: nothing after the final one; from a settled
     * one only the final one (back home); otherwise any field step but the final one. The web page applies the same
     * rule to the same attributes (GET /api/vocabulary).
     */
    public Set<TransferStatus> next() {
        Set<TransferStatus> out = EnumSet.noneOf(TransferStatus.class);
        for (TransferStatus s : values()) {
            if (s.fieldStep && !last && (settled ? s.last : !s.last)) {
                out.add(s);
            }
        }
        return out;
    }

    public static TransferStatus parse(String code) {
        for (TransferStatus s : values()) {
            if (s.name().equals(code)) {
                return s;
            }
        }
        return null;
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
        return Map.of("settled", settled, "in_shelter", inShelter, "field_step", fieldStep, "final", last,
                "needs_note", needsNote);
    }
}

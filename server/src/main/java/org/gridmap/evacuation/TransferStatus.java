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
    PENDING("待转移", "To move", false, false), NOTIFIED("已通知", "Notified", false, false),
    MOVING("转移中", "Moving", false, false), ARRIVED("已到达", "Arrived", true, true),
    WITH_RELATIVES("投亲靠友", "With relatives", true, false), RETURNED("已返回", "Returned", true, false),
    REFUSED("拒绝转移", "Refused", false, false), UNREACHABLE("失联", "Unreachable", false, false);

    private final String zh;
    private final String en;
    private final boolean settled;
    private final boolean inShelter;

    TransferStatus(String zh, String en, boolean settled, boolean inShelter) {
        this.zh = zh;
        this.en = en;
        this.settled = settled;
        this.inShelter = inShelter;
    }

    public boolean settled() {
        return settled;
    }

    public boolean inShelter() {
        return inShelter;
    }

    /** The statuses a field update (not a check-in) may set from this one. */
    public Set<TransferStatus> next() {
        return switch (this) {
            case PENDING, NOTIFIED, MOVING, REFUSED, UNREACHABLE ->
                    EnumSet.of(NOTIFIED, MOVING, WITH_RELATIVES, REFUSED, UNREACHABLE);
            case ARRIVED, WITH_RELATIVES -> EnumSet.of(RETURNED);
            case RETURNED -> EnumSet.noneOf(TransferStatus.class);
        };
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
        return Map.of("settled", settled, "in_shelter", inShelter);
    }
}

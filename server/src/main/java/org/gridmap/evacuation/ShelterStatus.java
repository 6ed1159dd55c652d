package org.gridmap.evacuation;

import org.gridmap.vocabulary.Term;

import java.util.Map;

/**
 * 安置点状态: 待启用, 已开放, 已满, 已关闭; accepting: the shelter takes new households (allocation and check-in).
 * A check-in opens a standing-by shelter and fills it with its last place. Table shelter_status holds the same words.
 */
public enum ShelterStatus implements Term {
    STANDBY("待启用", "Standby", true), OPEN("已开放", "Open", true), FULL("已满", "Full", false),
    CLOSED("已关闭", "Closed", false);

    private final String zh;
    private final String en;
    private final boolean accepting;

    ShelterStatus(String zh, String en, boolean accepting) {
        this.zh = zh;
        this.en = en;
        this.accepting = accepting;
    }

    public boolean accepting() {
        return accepting;
    }

    public static ShelterStatus parse(String code) {
        for (ShelterStatus s : values()) {
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
        return Map.of("accepting", accepting);
    }
}

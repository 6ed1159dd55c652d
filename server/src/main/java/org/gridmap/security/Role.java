package org.gridmap.security;

/** The roles of DESIGN §8. A user's area code is the scope of everything the user may see. */
public enum Role {
    ADMIN, DISTRICT_OFFICE, STREET_STAFF, COMMUNITY_STAFF, GRID_WORKER, HOTLINE;

    /** The role of this name, or null. */
    public static Role parse(String name) {
        for (Role r : values()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** Roles that may read household records at all (hotline operators work with tickets, not households). */
    public boolean readsHouseholds() {
        return this != HOTLINE;
    }

    /** Roles that may load data files. */
    public boolean imports() {
        return this == ADMIN || this == DISTRICT_OFFICE;
    }
}

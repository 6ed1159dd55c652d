package org.gridmap.security;

import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;

/**
 * Who is asking, and where they may look. {@code area} is an administrative code prefix: 6 digits for a district,
 * 9 for a street, 12 for a community, 15 for a grid; empty for the whole service (ADMIN). Objects carry codes
 * of the same hierarchy, so "in scope" is "the object's code starts with the caller's area".
 */
public record Caller(String username, Role role, String area) {

    public static final String AREA_CLAIM = "area";

    public static Caller of(Authentication auth) {
        if (auth == null) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
                    "log in first: POST /login");
        }
        // A token without a role or an area grants nothing (it must not fall back to a role or to "everywhere").
        Role role = auth.getRoles().size() == 1 ? Role.parse(auth.getRoles().iterator().next()) : null;
        Object area = auth.getAttributes().get(AREA_CLAIM);
        if (role == null || area == null || !area.toString().matches("\\d{0,15}")
                || area.toString().isEmpty() && role != Role.ADMIN) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
                    "the token does not name one role and an area; log in again: POST /login");
        }
        return new Caller(auth.getName(), role, area.toString());
    }

    /** Whether an object with this code (area, grid or a building's grid/community) is inside the caller's area. */
    public boolean covers(String code) {
        return code != null && code.startsWith(area);
    }

    /** Whether the caller's area lies inside {@code code} (the caller may see a part of that area). */
    public boolean isInside(String code) {
        return code != null && area.startsWith(code);
    }

    public void requireHouseholdAccess() {
        if (!role.readsHouseholds()) {
            throw ProblemException.forbidden("role " + role + " may not read household records");
        }
    }
}

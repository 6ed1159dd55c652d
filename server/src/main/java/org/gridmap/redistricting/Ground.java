package org.gridmap.redistricting;

import org.locationtech.jts.geom.Geometry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One community as redistricting sees it: its boundary, its buildings with their totals and cells, and the
 * neighbour graph (metric CRS). Made once per community and kept while its buildings and boundary do not change.
 */
record Ground(String communityCode, String communityName, boolean rural, String stamp, DraftGeometry geometry,
              List<Totals> totals, Map<Long, Integer> indexOf) {

    /** A building's totals (people and vulnerable people as the register counts them). */
    record Totals(long id, String buildingId, int households, int people, int vulnerablePeople) {}

    static Ground of(String code, String name, boolean rural, String stamp, DraftGeometry geometry,
                     List<Totals> totals) {
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < totals.size(); i++) {
            index.put(totals.get(i).id(), i);
        }
        return new Ground(code, name, rural, stamp, geometry, totals, index);
    }

    Geometry boundary() {
        return geometry.community();
    }

    int size() {
        return totals.size();
    }
}

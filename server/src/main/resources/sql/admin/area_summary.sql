-- Counts below one area. 1..6 all the same code prefix (e.g. a county code and '%').
SELECT
    (SELECT count(*) FROM admin_area WHERE level = 'STREET' AND code LIKE ?)           AS streets,
    (SELECT count(*) FROM admin_area WHERE level = 'COMMUNITY' AND code LIKE ?)        AS communities,
    (SELECT count(*) FROM grid WHERE valid_to IS NULL AND grid_code LIKE ?)            AS grids,
    (SELECT count(*) FROM building WHERE coalesce(grid_code, community_code) LIKE ?)   AS buildings,
    (SELECT count(*) FROM building WHERE grid_code IS NULL AND community_code LIKE ?)  AS buildings_without_grid,
    h.households, h.people, h.elderly, h.children, h.sick, h.disabled, h.pregnant, h.living_alone,
    h.households_with_vulnerable
FROM (
    SELECT count(*)                                   AS households,
           coalesce(sum(hh.members), 0)               AS people,
           coalesce(sum(hh.elderly), 0)               AS elderly,
           coalesce(sum(hh.children), 0)              AS children,
           coalesce(sum(hh.sick), 0)                  AS sick,
           coalesce(sum(hh.disabled), 0)              AS disabled,
           coalesce(sum(hh.pregnant), 0)              AS pregnant,
           count(*) FILTER (WHERE hh.living_alone)    AS living_alone,
           count(*) FILTER (WHERE hh.elderly + hh.children + hh.sick + hh.disabled + hh.pregnant > 0
                                  OR hh.living_alone) AS households_with_vulnerable
    FROM household hh
    JOIN building b ON b.id = hh.building_id
    WHERE coalesce(b.grid_code, b.community_code) LIKE ?
) h

-- What a cached community's ground depends on: its buildings (which, their footprints, their totals) and its
-- boundary; not the grid membership the triggers keep, so a publish does not make the ground be drawn again.
-- 1 community code, 2 community code
SELECT concat_ws('/', count(*), max(id), round(sum(ST_Area(geom))::numeric, 12), sum(households), sum(people),
                 sum(vulnerable_people), (SELECT updated_at FROM admin_area WHERE code = ?))
FROM building WHERE community_code = ?

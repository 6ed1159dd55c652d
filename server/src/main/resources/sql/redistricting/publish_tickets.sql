-- Open tickets of the area go to the new grid holding their point (or the nearest in their community); each that
-- changes grid gets a REROUTE event. Returns how many moved. 1 area prefix, 2 actor, 3 draft
WITH target AS (
    SELECT t.id, t.grid_code AS from_grid, n.grid_code AS to_grid, n.inside
    FROM ticket t
    JOIN LATERAL (SELECT g.grid_code, ST_Intersects(g.geom, t.geom) AS inside
                  FROM grid g
                  WHERE g.valid_to IS NULL AND g.community_code = t.community_code
                  ORDER BY ST_Intersects(g.geom, t.geom) DESC, g.geom <-> t.geom, g.grid_code
                  LIMIT 1) n ON true
    WHERE t.grid_code LIKE ? AND t.status IN (SELECT code FROM ticket_status WHERE open)),
changed AS (SELECT * FROM target WHERE to_grid <> from_grid),
moved AS (
    UPDATE ticket t SET grid_code = target.to_grid, routing = CASE WHEN target.inside THEN 'INSIDE' ELSE 'NEAREST' END,
                        updated_at = now()
    FROM changed target WHERE t.id = target.id
    RETURNING t.id, target.from_grid, target.to_grid),
events AS (
    INSERT INTO ticket_event (ticket_id, actor, action, reason, data)
    SELECT id, ?, 'REROUTE', '网格调整 / redistricting',
           jsonb_build_object('from_grid', from_grid, 'to_grid', to_grid, 'by', 'REDISTRICTING', 'draft', ?::bigint)
    FROM moved
    RETURNING 1)
SELECT count(*) FROM events

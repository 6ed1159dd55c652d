-- Before a publish: each building of the draft with its current grid and its draft grid (for the lineage and the
-- diff). Dropped at commit. 1 draft
CREATE TEMP TABLE publish_before ON COMMIT DROP AS
SELECT b.id AS building_id, b.grid_code AS old_code, a.grid_key, b.households
FROM redistrict_assignment a JOIN building b ON b.id = a.building_id
WHERE a.draft_id = ?

-- A draft's grids. 1 draft
SELECT grid_key, community_code, name, source_grid_code, locked, deleted
FROM redistrict_grid WHERE draft_id = ? ORDER BY grid_key

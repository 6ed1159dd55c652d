-- A new draft's grids: the current grids of its area, keyed 1, 2, … in code order. 1 draft, 2 area prefix
INSERT INTO redistrict_grid (draft_id, grid_key, community_code, name, source_grid_code)
SELECT ?, row_number() OVER (ORDER BY grid_code), community_code, name, grid_code
FROM grid WHERE valid_to IS NULL AND grid_code LIKE ?

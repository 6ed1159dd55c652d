-- A draft grid as an edit leaves it. 1 draft, 2 key, 3 community, 4 name, 5 source, 6 locked, 7 deleted
INSERT INTO redistrict_grid (draft_id, grid_key, community_code, name, source_grid_code, locked, deleted)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (draft_id, grid_key) DO UPDATE SET community_code = EXCLUDED.community_code, name = EXCLUDED.name,
    source_grid_code = EXCLUDED.source_grid_code, locked = EXCLUDED.locked, deleted = EXCLUDED.deleted

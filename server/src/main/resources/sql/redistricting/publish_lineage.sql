-- The lineage of the new versions: which ended versions their buildings came from. 1 draft, 2 effective, 3 effective
INSERT INTO grid_lineage (grid_id, from_grid_id, draft_id, households)
SELECT n.id, o.id, ?, m.households
FROM publish_mapping m
JOIN grid n ON n.grid_code = m.new_code AND n.valid_to IS NULL AND n.valid_from = ?
JOIN grid o ON o.grid_code = m.old_code AND o.valid_to = ?

-- The edit to undo (the last one done) or to redo (the first one undone). 1 draft, 2 undone?, 3 undone?
SELECT seq, kind, changes::text FROM redistrict_edit
WHERE draft_id = ? AND undone = ?
ORDER BY CASE WHEN ? THEN seq ELSE -seq END
LIMIT 1

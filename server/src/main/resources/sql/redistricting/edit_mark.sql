-- Marks an edit undone or done again. 1 undone, 2 draft, 3 seq
UPDATE redistrict_edit SET undone = ? WHERE draft_id = ? AND seq = ?

-- A new edit ends the redo history. 1 draft
DELETE FROM redistrict_edit WHERE draft_id = ? AND undone

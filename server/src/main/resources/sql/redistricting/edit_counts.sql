-- How many edits can be undone and redone. 1 draft
SELECT count(*) FILTER (WHERE NOT undone), count(*) FILTER (WHERE undone) FROM redistrict_edit WHERE draft_id = ?

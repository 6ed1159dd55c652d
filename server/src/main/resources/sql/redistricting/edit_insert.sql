-- One edit with its changes (JSON). 1 draft, 2 kind, 3 changes, 4 user, 5 draft
INSERT INTO redistrict_edit (draft_id, seq, kind, changes, by_user)
SELECT ?, coalesce(max(seq), 0) + 1, ?, ?::jsonb, ? FROM redistrict_edit WHERE draft_id = ?

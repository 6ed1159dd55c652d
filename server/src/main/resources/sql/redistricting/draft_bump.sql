-- After an edit: the next version. 1 id
UPDATE redistrict_draft SET version = version + 1, updated_at = now() WHERE id = ? RETURNING version

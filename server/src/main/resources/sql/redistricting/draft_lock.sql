-- One draft, locked for an edit (edits of a draft queue here). 1 id
SELECT id, area_code, name, owner, version, status, stale_reason, created_at, updated_at, published_at,
       effective_from
FROM redistrict_draft WHERE id = ? FOR UPDATE

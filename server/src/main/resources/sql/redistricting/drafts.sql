-- Drafts over or under an area prefix, newest first. 1 area prefix, 2 area (drafts over a street that holds it)
SELECT id, area_code, name, owner, version, status, stale_reason, created_at, updated_at, published_at,
       effective_from
FROM redistrict_draft
WHERE status <> 'DISCARDED' AND (area_code LIKE ? OR ? LIKE area_code || '%')
ORDER BY id DESC
LIMIT 200

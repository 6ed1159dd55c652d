-- The published draft, and every other open draft over an overlapping area made stale. 1 effective, 2 id,
-- 3 reason, 4 id, 5 area, 6 area
WITH p AS (UPDATE redistrict_draft SET status = 'PUBLISHED', published_at = now(), effective_from = ?,
                                       version = version + 1, updated_at = now()
           WHERE id = ? RETURNING id)
UPDATE redistrict_draft d SET status = 'STALE', stale_reason = ?, updated_at = now()
WHERE d.status = 'OPEN' AND d.id <> ? AND (d.area_code LIKE ? || '%' OR ? LIKE d.area_code || '%')

-- 改派网格: the ticket moves to another current grid and its community, street and district follow. Nothing is
-- changed (and no row comes back) when the grid is not current. 1 ticket, 2 grid code
UPDATE ticket t SET grid_code = g.grid_code, community_code = g.community_code, street_code = cm.parent_code,
                    district_code = coalesce(st.parent_code, substr(g.grid_code, 1, 6)), needs_confirmation = false,
                    updated_at = now()
FROM grid g
JOIN admin_area cm ON cm.code = g.community_code
LEFT JOIN admin_area st ON st.code = cm.parent_code
WHERE t.id = ? AND g.grid_code = ? AND g.valid_to IS NULL
RETURNING t.id

-- Areas by level and/or parent, visible to a caller with area prefix: inside the scope, or an ancestor of it.
-- 1 level (or null), 2 level, 3 parent (or null), 4 parent, 5 scope prefix, 6 scope
SELECT a.code, a.name, a.level, a.parent_code, a.kind, a.rural
FROM admin_area a
WHERE (?::text IS NULL OR a.level = ?)
  AND (?::text IS NULL OR a.parent_code = ?)
  AND (a.code LIKE ? OR ? LIKE a.code || '%')
ORDER BY a.code

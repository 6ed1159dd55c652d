-- The published columns of a layer's view, in order: all but its id, its geometry and its scope column.
-- 1 view name, 2 scope column (or null)
SELECT column_name, data_type
FROM information_schema.columns
WHERE table_schema = 'public' AND table_name = ? AND column_name NOT IN ('id', 'geom') AND column_name <> coalesce(?, '')
ORDER BY ordinal_position

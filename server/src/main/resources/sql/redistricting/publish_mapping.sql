-- Where each old grid's households went: old grid → new grid → households, most first. After the new grids are in,
-- with the draft keys' new codes as arrays. 1 keys, 2 new codes, 3 effective
CREATE TEMP TABLE publish_mapping ON COMMIT DROP AS
WITH k AS (SELECT * FROM unnest(?::int[], ?::text[]) AS k (grid_key, new_code))
SELECT pb.old_code, k.new_code, sum(pb.households)::int AS households, count(*)::int AS buildings
FROM publish_before pb JOIN k ON k.grid_key = pb.grid_key
WHERE pb.old_code IS NOT NULL
GROUP BY pb.old_code, k.new_code

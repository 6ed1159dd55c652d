-- A grid whose boundary or name changes gets a new version; the old one is closed, so history keeps it.
CREATE TEMP TABLE grid_changed ON COMMIT DROP AS
SELECT s.grid_code, s.name, s.rural, ST_Multi(s.geom) AS geom, c.id AS cur_id, coalesce(c.version, 0) AS cur_version
FROM stage s
LEFT JOIN grid c ON c.grid_code = s.grid_code AND c.valid_to IS NULL
WHERE c.id IS NULL OR NOT ST_Equals(c.geom, s.geom) OR c.name IS DISTINCT FROM s.name
   OR c.rural IS DISTINCT FROM coalesce(s.rural, false);
UPDATE grid g SET valid_to = greatest(now(), g.valid_from + interval '1 microsecond')
FROM grid_changed c WHERE g.id = c.cur_id;
WITH ins AS (
    INSERT INTO grid (grid_code, name, community_code, rural, geom, version, valid_from)
    SELECT c.grid_code, c.name, left(c.grid_code, 12), coalesce(c.rural, false), c.geom, c.cur_version + 1,
           greatest(now(), coalesce((SELECT g.valid_to FROM grid g WHERE g.id = c.cur_id), now()))
    FROM grid_changed c
    RETURNING version)
SELECT count(*) FILTER (WHERE version = 1), count(*) FILTER (WHERE version > 1),
       (SELECT count(*) FROM stage) - count(*)
FROM ins

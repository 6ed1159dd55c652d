-- The coverage inputs' data version now, and the one the findings snapshot was computed from.
-- 1 the inputs' table names (text[])
SELECT (SELECT coalesce(sum(version), 0) FROM data_version WHERE table_name = ANY (?)) AS now,
       (SELECT data_version FROM coverage_snapshot) AS snapshot

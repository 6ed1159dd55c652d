-- The data version now and the one the findings snapshot was computed from (null = never computed)
SELECT (SELECT version FROM layer_version) AS now, (SELECT data_version FROM coverage_snapshot) AS snapshot

-- Zones have no identity of their own: a file replaces every zone of the scenarios it names.
INSERT INTO flood_scenario (code, name)
SELECT DISTINCT ON (scenario) scenario, coalesce(scenario_name, scenario) FROM stage ORDER BY scenario, row_no
ON CONFLICT (code) DO UPDATE SET name = coalesce(
    (SELECT s.scenario_name FROM stage s WHERE s.scenario = EXCLUDED.code AND s.scenario_name IS NOT NULL LIMIT 1),
    flood_scenario.name);
CREATE TEMP TABLE zones_replaced ON COMMIT DROP AS
WITH d AS (DELETE FROM flood_zone z USING flood_scenario sc
           WHERE z.scenario_id = sc.id AND sc.code IN (SELECT scenario FROM stage) RETURNING 1)
SELECT count(*) AS n FROM d;
WITH ins AS (
    INSERT INTO flood_zone (scenario_id, depth_m, depth_class, zone_kind, arrival_hours, geom)
    SELECT sc.id, s.depth_m,
           coalesce(s.depth_class, CASE WHEN s.depth_m < 0.15 THEN '<0.15 m' WHEN s.depth_m < 0.5 THEN '0.15–0.5 m'
                                        WHEN s.depth_m < 1.0 THEN '0.5–1.0 m' WHEN s.depth_m < 2.0 THEN '1.0–2.0 m'
                                        WHEN s.depth_m < 3.0 THEN '2.0–3.0 m' ELSE '≥3.0 m' END),
           s.zone_kind, s.arrival_hours, ST_Multi(s.geom)
    FROM stage s JOIN flood_scenario sc ON sc.code = s.scenario
    RETURNING 1)
SELECT count(*), 0, (SELECT n FROM zones_replaced) FROM ins

-- 四色 speed: zones are subdivided once (when they change), not on every run or refresh; each candidate building is
-- transformed once for the near-zone distance; households are classified in one pass for both the worst rule per
-- building and the counts per area; incremental refreshes find a grid's buildings by index.

CREATE TABLE flood_zone_part (
    id          bigserial PRIMARY KEY,
    zone_id     bigint NOT NULL REFERENCES flood_zone (id) ON DELETE CASCADE,
    scenario_id bigint NOT NULL,
    depth_m     numeric(6, 2) NOT NULL,
    zone_kind   text,
    geom        geometry(Polygon, 4326) NOT NULL,
    gm          geometry NOT NULL   -- the same piece in the metric CRS
);
CREATE INDEX flood_zone_part_geom_idx ON flood_zone_part USING gist (geom);
CREATE INDEX flood_zone_part_scenario_idx ON flood_zone_part (scenario_id);

CREATE FUNCTION gm_zone_parts() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM flood_zone_part p USING old_rows o WHERE p.zone_id = o.id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO flood_zone_part (zone_id, scenario_id, depth_m, zone_kind, geom, gm)
        SELECT s.id, s.scenario_id, s.depth_m, s.zone_kind, s.g, ST_Transform(s.g, gm_metric_srid())
        FROM (SELECT n.id, n.scenario_id, n.depth_m, n.zone_kind, ST_Subdivide(n.geom, 96) AS g FROM new_rows n) s
        WHERE GeometryType(s.g) = 'POLYGON';
    END IF;
    RETURN NULL;
END
$$;
-- Named to fire before zone_risk_* (alphabetical order within the same event), which reads the parts.
CREATE TRIGGER zone_parts_ins AFTER INSERT ON flood_zone REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_zone_parts();
CREATE TRIGGER zone_parts_upd AFTER UPDATE ON flood_zone REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_zone_parts();
CREATE TRIGGER zone_parts_del AFTER DELETE ON flood_zone REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_zone_parts();

INSERT INTO flood_zone_part (zone_id, scenario_id, depth_m, zone_kind, geom, gm)
SELECT s.id, s.scenario_id, s.depth_m, s.zone_kind, s.g, ST_Transform(s.g, gm_metric_srid())
FROM (SELECT z.id, z.scenario_id, z.depth_m, z.zone_kind, ST_Subdivide(z.geom, 96) AS g FROM flood_zone z) s
WHERE GeometryType(s.g) = 'POLYGON';

CREATE INDEX building_scope_idx ON building ((coalesce(grid_code, community_code)));

CREATE OR REPLACE FUNCTION gm_risk_building_inputs(scenario bigint, ids bigint[], max_near_m double precision,
                                                   metric_srid integer)
    RETURNS TABLE (building_id bigint, model_depth_m numeric, recorded_depth_m numeric, recorded_flood text,
                   zone_kinds text[], near_m real)
    LANGUAGE sql STABLE AS
$$
WITH touch AS MATERIALIZED (
    SELECT b.id, max(p.depth_m) AS d,
           coalesce(array_agg(DISTINCT p.zone_kind) FILTER (WHERE p.zone_kind IS NOT NULL), '{}') AS kinds
    FROM flood_zone_part p JOIN building b ON ST_Intersects(b.geom, p.geom)
    WHERE p.scenario_id = scenario AND (ids IS NULL OR b.id = ANY (ids))
    GROUP BY b.id),
candidates AS MATERIALIZED (
    SELECT b.id, b.geom FROM building b
    WHERE b.id IN (SELECT DISTINCT b2.id
                   FROM flood_zone_part p JOIN building b2 ON b2.geom && ST_Expand(p.geom, max_near_m / 70000.0)
                   WHERE p.scenario_id = scenario AND (ids IS NULL OR b2.id = ANY (ids)))
      AND b.id NOT IN (SELECT t.id FROM touch t)),
near AS (
    SELECT x.id, x.m FROM (
        SELECT c.id, (SELECT min(ST_Distance(bm.g, p.gm)) FROM flood_zone_part p
                      WHERE p.scenario_id = scenario AND p.geom && ST_Expand(c.geom, max_near_m / 70000.0))::real AS m
        FROM candidates c CROSS JOIN LATERAL (SELECT ST_Transform(c.geom, metric_srid) AS g) bm) x
    WHERE x.m <= max_near_m),
rec AS (
    SELECT ri.building_id, max(ri.depth_m) AS depth_m,
           (array_agg(ri.flood_name ORDER BY ri.depth_m DESC, ri.flood_name))[1] AS flood_name
    FROM recorded_inundation ri
    WHERE ids IS NULL OR ri.building_id = ANY (ids)
    GROUP BY ri.building_id)
SELECT coalesce(t.id, n.id, r.building_id), t.d, r.depth_m, r.flood_name, coalesce(t.kinds, '{}'), n.m
FROM touch t
FULL JOIN near n ON n.id = t.id
FULL JOIN rec r ON r.building_id = coalesce(t.id, n.id)
$$;

CREATE OR REPLACE FUNCTION gm_risk_aggregate(run bigint, codes text[]) RETURNS void LANGUAGE plpgsql AS
$$
DECLARE
    rs risk_rule_set;
BEGIN
    SELECT s.* INTO rs FROM risk_rule_set s
    WHERE s.version = coalesce((SELECT rc.rule_set_version FROM risk_current rc WHERE rc.run_id = run),
                               (SELECT r.rule_set_version FROM risk_run r WHERE r.id = run));
    -- Every household of the buildings with inputs, classified once.
    CREATE TEMP TABLE IF NOT EXISTS gm_hr (building_id bigint, code text, members int, vuln int, rule smallint)
        ON COMMIT DROP;
    TRUNCATE gm_hr;
    IF codes IS NULL THEN
        INSERT INTO gm_hr
        SELECT b.id, coalesce(b.grid_code, b.community_code), h.members, gm_vulnerable_people(h),
               gm_risk_rule(greatest(coalesce(rb.model_depth_m, 0), coalesce(rb.recorded_depth_m, 0)), h.floor,
                            b.safety_grade, gm_is_vulnerable(h), rb.zone_kinds, rb.near_m, rs)
        FROM risk_building rb JOIN building b ON b.id = rb.building_id JOIN household h ON h.building_id = b.id
        WHERE rb.run_id = run;
    ELSE
        INSERT INTO gm_hr
        SELECT b.id, coalesce(b.grid_code, b.community_code), h.members, gm_vulnerable_people(h),
               gm_risk_rule(greatest(coalesce(rb.model_depth_m, 0), coalesce(rb.recorded_depth_m, 0)), h.floor,
                            b.safety_grade, gm_is_vulnerable(h), rb.zone_kinds, rb.near_m, rs)
        FROM building b JOIN risk_building rb ON rb.run_id = run AND rb.building_id = b.id
        JOIN household h ON h.building_id = b.id
        WHERE coalesce(b.grid_code, b.community_code) = ANY (codes);
    END IF;

    UPDATE risk_building rb SET worst_rule = x.w
    FROM (SELECT building_id, min(rule) AS w FROM gm_hr GROUP BY building_id) x
    WHERE rb.run_id = run AND rb.building_id = x.building_id AND rb.worst_rule IS DISTINCT FROM x.w;

    DELETE FROM risk_area a WHERE a.run_id = run AND (codes IS NULL OR a.code = ANY (codes));
    INSERT INTO risk_area (run_id, code, hh, people, vulnerable, worst_rule)
    SELECT run, t.code,
           ARRAY[t.hr, t.ho, t.hy, t.hall - t.hr - t.ho - t.hy],
           ARRAY[t.pr, t.po, t.py, t.pall - t.pr - t.po - t.py],
           ARRAY[t.vr, t.vo, t.vy, t.vall - t.vr - t.vo - t.vy],
           coalesce(t.worst, 10)
    FROM (
        SELECT tot.code, tot.households AS hall, tot.people AS pall, tot.vulnerable_people AS vall,
               coalesce(c.hr, 0) AS hr, coalesce(c.ho, 0) AS ho, coalesce(c.hy, 0) AS hy,
               coalesce(c.pr, 0) AS pr, coalesce(c.po, 0) AS po, coalesce(c.py, 0) AS py,
               coalesce(c.vr, 0) AS vr, coalesce(c.vo, 0) AS vo, coalesce(c.vy, 0) AS vy, c.worst
        FROM area_stats tot
        LEFT JOIN (
            SELECT code,
                   count(*) FILTER (WHERE rule <= 5)::int AS hr,
                   count(*) FILTER (WHERE rule BETWEEN 6 AND 7)::int AS ho,
                   count(*) FILTER (WHERE rule BETWEEN 8 AND 9)::int AS hy,
                   coalesce(sum(members) FILTER (WHERE rule <= 5), 0)::int AS pr,
                   coalesce(sum(members) FILTER (WHERE rule BETWEEN 6 AND 7), 0)::int AS po,
                   coalesce(sum(members) FILTER (WHERE rule BETWEEN 8 AND 9), 0)::int AS py,
                   coalesce(sum(vuln) FILTER (WHERE rule <= 5), 0)::int AS vr,
                   coalesce(sum(vuln) FILTER (WHERE rule BETWEEN 6 AND 7), 0)::int AS vo,
                   coalesce(sum(vuln) FILTER (WHERE rule BETWEEN 8 AND 9), 0)::int AS vy,
                   min(rule) AS worst
            FROM gm_hr GROUP BY code) c ON c.code = tot.code
        WHERE tot.households > 0 AND (codes IS NULL OR tot.code = ANY (codes))) t;
    TRUNCATE gm_hr;
END
$$;

-- The same inputs for a few buildings, driven from the buildings (index lookups into the zone pieces) instead of
-- from the zones. gm_risk_refresh uses it; a test checks it gives exactly what the batch form gives.
CREATE FUNCTION gm_risk_building_inputs_for(scenario bigint, ids bigint[], max_near_m double precision,
                                            metric_srid integer)
    RETURNS TABLE (building_id bigint, model_depth_m numeric, recorded_depth_m numeric, recorded_flood text,
                   zone_kinds text[], near_m real)
    LANGUAGE sql STABLE AS
$$
SELECT x.id, x.d, r.depth_m, r.flood_name, x.kinds, CASE WHEN x.d IS NULL THEN x.m END
FROM (
    SELECT b.id, t.d, coalesce(t.kinds, '{}') AS kinds,
           CASE WHEN t.d IS NULL THEN (
               SELECT min(ST_Distance(ST_Transform(b.geom, metric_srid), p.gm)) FROM flood_zone_part p
               WHERE p.scenario_id = scenario AND p.geom && ST_Expand(b.geom, max_near_m / 70000.0))::real END AS m
    FROM building b
    CROSS JOIN LATERAL (
        SELECT max(p.depth_m) AS d,
               coalesce(array_agg(DISTINCT p.zone_kind) FILTER (WHERE p.zone_kind IS NOT NULL), '{}') AS kinds
        FROM flood_zone_part p
        WHERE p.scenario_id = scenario AND p.geom && b.geom AND ST_Intersects(b.geom, p.geom)) t
    WHERE b.id = ANY (ids)) x
LEFT JOIN LATERAL (
    SELECT ri.depth_m, ri.flood_name FROM recorded_inundation ri WHERE ri.building_id = x.id
    ORDER BY ri.depth_m DESC, ri.flood_name LIMIT 1) r ON true
WHERE x.d IS NOT NULL OR r.depth_m IS NOT NULL OR x.m <= max_near_m
$$;

CREATE OR REPLACE FUNCTION gm_risk_refresh(ids bigint[], extra_codes text[]) RETURNS void LANGUAGE plpgsql AS
$$
DECLARE
    cur record;
    codes text[];
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 OR NOT EXISTS (SELECT 1 FROM risk_current) THEN
        RETURN;
    END IF;
    SELECT array_agg(DISTINCT c) INTO codes FROM (
        SELECT coalesce(b.grid_code, b.community_code) AS c FROM building b WHERE b.id = ANY (ids)
        UNION SELECT unnest(extra_codes)) x WHERE c IS NOT NULL;
    FOR cur IN SELECT rc.run_id, rc.scenario_id FROM risk_current rc LOOP
        DELETE FROM risk_building rb WHERE rb.run_id = cur.run_id AND rb.building_id = ANY (ids);
        IF cardinality(ids) > 5000 THEN
            INSERT INTO risk_building (run_id, building_id, model_depth_m, recorded_depth_m, recorded_flood, zone_kinds, near_m)
            SELECT cur.run_id, i.building_id, i.model_depth_m, i.recorded_depth_m, i.recorded_flood, i.zone_kinds, i.near_m
            FROM gm_risk_building_inputs(cur.scenario_id, ids, 200, gm_metric_srid()) i;
        ELSE
            INSERT INTO risk_building (run_id, building_id, model_depth_m, recorded_depth_m, recorded_flood, zone_kinds, near_m)
            SELECT cur.run_id, i.building_id, i.model_depth_m, i.recorded_depth_m, i.recorded_flood, i.zone_kinds, i.near_m
            FROM gm_risk_building_inputs_for(cur.scenario_id, ids, 200, gm_metric_srid()) i;
        END IF;
        PERFORM gm_risk_aggregate(cur.run_id, codes);
    END LOOP;
END
$$;

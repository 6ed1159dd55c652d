-- 四色 household flood-risk classes (DESIGN §4). Repeatable; each function's only definition.
--
-- A run stores, per building in or near the scenario's zones, the inputs of the rule (deepest zone depth, deeper
-- recorded inundation, zone kinds, distance to the nearest zone), and per grid the households, people and vulnerable
-- people of each colour. A household's colour is gm_risk_rule(...) of its building's inputs, its floor and its
-- vulnerability under the run's rule set: the rule is in this one function, for batch runs, incremental updates and
-- reads alike. A building without inputs is green for every household in it.

-- Effective water depth at the dwelling: e = d − (f − 1)·H; a basement dwelling gets d + basement depth.
CREATE OR REPLACE FUNCTION gm_effective_depth(d numeric, floor integer, rs risk_rule_set) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN d <= 0 THEN 0::numeric
               WHEN floor = 0 THEN d + rs.basement_depth_m
               ELSE d - (floor - 1) * rs.storey_height_m END $$;

-- The 四色 rule, first match wins. Returns the rule number:
--  1 RED_DEPTH e ≥ red  2 RED_BASEMENT  3 RED_WEAK_BUILDING  4 RED_VULNERABLE v and e > red_vulnerable
--  5 RED_DEEP_ZONE  6 ORANGE_DEPTH e > orange  7 ORANGE_VULNERABLE v and d > 0  8 YELLOW_SHALLOW d > 0
--  9 YELLOW_NEAR within near_zone_m of a zone  10 GREEN
CREATE OR REPLACE FUNCTION gm_risk_rule(d numeric, floor integer, grade text, v boolean, kinds text[], near_m real,
                             rs risk_rule_set) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT (CASE
    WHEN d > 0 AND gm_effective_depth(d, floor, rs) >= rs.red_depth_m THEN 1
    WHEN d > 0 AND floor = 0 THEN 2
    WHEN d > 0 AND grade = ANY (rs.weak_grades) THEN 3
    WHEN d > 0 AND v AND gm_effective_depth(d, floor, rs) > rs.red_vulnerable_depth_m THEN 4
    WHEN kinds && rs.deep_zone_kinds THEN 5
    WHEN d > 0 AND gm_effective_depth(d, floor, rs) > rs.orange_depth_m THEN 6
    WHEN d > 0 AND v THEN 7
    WHEN d > 0 THEN 8
    WHEN near_m IS NOT NULL AND near_m <= rs.near_zone_m THEN 9
    ELSE 10 END)::smallint
$$;

-- The colour a rule gives, compiled from table risk_color (each colour's last_rule), so that the colours are defined
-- there only and the function stays a constant expression the planner inlines (it runs once per household in a
-- 四色 run). The service checks it against risk_color and the Java rule at start.
DO $$
DECLARE
    cases text;
BEGIN
    SELECT string_agg(format('WHEN rule <= %s THEN %L', last_rule, code), ' ' ORDER BY last_rule) INTO cases
    FROM risk_color;
    EXECUTE format('CREATE OR REPLACE FUNCTION gm_risk_color(rule smallint) RETURNS text LANGUAGE sql IMMUTABLE '
                   'PARALLEL SAFE AS $f$ SELECT CASE %s END $f$', cases);
END $$;

-- Zones are subdivided once, when they change (and kept in the metric CRS too), not on every run or refresh.
CREATE OR REPLACE FUNCTION gm_zone_parts() RETURNS trigger LANGUAGE plpgsql AS
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
CREATE OR REPLACE TRIGGER zone_parts_ins AFTER INSERT ON flood_zone REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_zone_parts();
CREATE OR REPLACE TRIGGER zone_parts_upd AFTER UPDATE ON flood_zone REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_zone_parts();
CREATE OR REPLACE TRIGGER zone_parts_del AFTER DELETE ON flood_zone REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_zone_parts();

-- The inputs of the rule for the buildings of a scenario that lie in, or within max_near_m of, its zones, or have a
-- recorded inundation (ids = null: every building), from the zones' pieces. Distances are planar in the metric CRS.
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

-- Recomputes worst rules of a run's buildings and its per-area counts, for the given grid/community codes
-- (null: all): every household of the buildings with inputs is classified once. Households of buildings without
-- inputs are green.
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
CREATE OR REPLACE FUNCTION gm_risk_building_inputs_for(scenario bigint, ids bigint[], max_near_m double precision,
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

-- Incremental: re-derive the inputs of some buildings (and the counts of the areas they were and are in) for every
-- current run. Called by the triggers below, in the transaction of the change.
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

CREATE OR REPLACE FUNCTION gm_risk_on_building() RETURNS trigger LANGUAGE plpgsql AS
$$
DECLARE
    ids bigint[];
    old_codes text[];
BEGIN
    IF NOT EXISTS (SELECT 1 FROM risk_current) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(id) INTO ids FROM new_rows;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Only what the rule depends on: footprint, safety grade, and the grid or community it counts in.
        -- Dynamic SQL, planned for this statement's transition tables: a plan cached from a one-row update would
        -- join a large update's tables row by row.
        EXECUTE 'SELECT array_agg(n.id), array_agg(DISTINCT coalesce(o.grid_code, o.community_code))
                 FROM new_rows n JOIN old_rows o ON o.id = n.id
                 WHERE n.geom IS DISTINCT FROM o.geom OR n.safety_grade IS DISTINCT FROM o.safety_grade
                    OR n.grid_code IS DISTINCT FROM o.grid_code OR n.community_code IS DISTINCT FROM o.community_code'
        INTO ids, old_codes;
        IF ids IS NULL THEN
            RETURN NULL;
        END IF;
    ELSE
        SELECT array_agg(DISTINCT coalesce(grid_code, community_code)) INTO old_codes FROM old_rows;
    END IF;
    IF TG_OP = 'DELETE' THEN
        -- risk_building rows went with the buildings (cascade); recount the areas they were in.
        PERFORM gm_risk_aggregate(rc.run_id, old_codes) FROM risk_current rc;
    ELSE
        PERFORM gm_risk_refresh(ids, old_codes);
    END IF;
    RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER building_risk_ins AFTER INSERT ON building REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building();
CREATE OR REPLACE TRIGGER building_risk_upd AFTER UPDATE ON building
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building();
CREATE OR REPLACE TRIGGER building_risk_del AFTER DELETE ON building REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building();

-- household and recorded_inundation refer to buildings: re-classify the buildings a statement's rows refer to.
CREATE OR REPLACE FUNCTION gm_risk_on_building_ref() RETURNS trigger LANGUAGE plpgsql AS
$$
DECLARE
    ids bigint[];
BEGIN
    IF NOT EXISTS (SELECT 1 FROM risk_current) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT building_id) INTO ids FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT building_id) INTO ids FROM old_rows;
    ELSE
        SELECT array_agg(DISTINCT x) INTO ids FROM (SELECT building_id AS x FROM new_rows UNION SELECT building_id FROM old_rows) u;
    END IF;
    PERFORM gm_risk_refresh(ids, NULL);
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER household_risk_ins AFTER INSERT ON household REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building_ref();
CREATE OR REPLACE TRIGGER household_risk_upd AFTER UPDATE ON household REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building_ref();
CREATE OR REPLACE TRIGGER household_risk_del AFTER DELETE ON household REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building_ref();
CREATE OR REPLACE TRIGGER inundation_risk_ins AFTER INSERT ON recorded_inundation REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building_ref();
CREATE OR REPLACE TRIGGER inundation_risk_upd AFTER UPDATE ON recorded_inundation REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building_ref();
CREATE OR REPLACE TRIGGER inundation_risk_del AFTER DELETE ON recorded_inundation REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building_ref();

-- A zone that changes touches the buildings under its old and new outline (and within 200 m of them).
CREATE OR REPLACE FUNCTION gm_risk_on_zone() RETURNS trigger LANGUAGE plpgsql AS
$$
DECLARE
    area geometry;
    ids bigint[];
BEGIN
    IF NOT EXISTS (SELECT 1 FROM risk_current) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT ST_Extent(geom)::geometry INTO area FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT ST_Extent(geom)::geometry INTO area FROM old_rows;
    ELSE
        SELECT ST_Extent(geom)::geometry INTO area FROM (SELECT geom FROM new_rows UNION ALL SELECT geom FROM old_rows) u;
    END IF;
    IF area IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT array_agg(b.id) INTO ids FROM building b WHERE b.geom && ST_Expand(ST_SetSRID(area, 4326), 0.004);
    PERFORM gm_risk_refresh(ids, NULL);
    RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER zone_risk_ins AFTER INSERT ON flood_zone REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_zone();
CREATE OR REPLACE TRIGGER zone_risk_upd AFTER UPDATE ON flood_zone REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_zone();
CREATE OR REPLACE TRIGGER zone_risk_del AFTER DELETE ON flood_zone REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_zone();

-- 四色 household flood-risk classes (DESIGN §4).
--
-- A run stores, per building in or near the scenario's zones, the inputs of the rule (deepest zone depth, deeper
-- recorded inundation, zone kinds, distance to the nearest zone), and per grid the households, people and vulnerable
-- people of each colour. A household's colour is gm_risk_rule(...) of its building's inputs, its floor and its
-- vulnerability under the run's rule set: the rule is in this one function, for batch runs, incremental updates and
-- reads alike. A building without inputs is green for every household in it.

-- The metric CRS (gridmap.metric-srid), re-declared by the application at start-up from its configuration.
CREATE FUNCTION gm_metric_srid() RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT 4550 $$;

-- People and vulnerable people per building join the trigger-kept household count.
ALTER TABLE building ADD COLUMN people integer NOT NULL DEFAULT 0;
ALTER TABLE building ADD COLUMN vulnerable_people integer NOT NULL DEFAULT 0;

CREATE FUNCTION gm_vulnerable_people(h household) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT least(h.members, h.elderly + h.children + h.sick + h.disabled + h.pregnant
                            + CASE WHEN h.living_alone AND h.elderly = 0 THEN 1 ELSE 0 END) $$;

CREATE FUNCTION gm_is_vulnerable(h household) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT h.elderly > 0 OR h.children > 0 OR h.sick > 0 OR h.disabled > 0 OR h.pregnant > 0 OR h.living_alone $$;

UPDATE building b SET people = x.p, vulnerable_people = x.v
FROM (SELECT h.building_id, sum(h.members) AS p, sum(gm_vulnerable_people(h)) AS v FROM household h GROUP BY 1) x
WHERE x.building_id = b.id;

CREATE OR REPLACE FUNCTION gm_household_counts() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE building b SET households = b.households - d.n, people = b.people - d.p,
                              vulnerable_people = b.vulnerable_people - d.v
        FROM (SELECT o.building_id, count(*) AS n, sum(o.members) AS p, sum(gm_vulnerable_people(o)) AS v
              FROM old_rows o GROUP BY o.building_id) d
        WHERE b.id = d.building_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        UPDATE building b SET households = b.households + d.n, people = b.people + d.p,
                              vulnerable_people = b.vulnerable_people + d.v
        FROM (SELECT n.building_id, count(*) AS n, sum(n.members) AS p, sum(gm_vulnerable_people(n)) AS v
              FROM new_rows n GROUP BY n.building_id) d
        WHERE b.id = d.building_id;
    END IF;
    RETURN NULL;
END
$$;

-- The rule set: every number of the rule, versioned. The newest version is the active one.
CREATE TABLE risk_rule_set (
    version                serial PRIMARY KEY,
    storey_height_m        numeric(5, 2) NOT NULL CHECK (storey_height_m > 0 AND storey_height_m <= 10),
    basement_depth_m       numeric(5, 2) NOT NULL CHECK (basement_depth_m >= 0 AND basement_depth_m <= 10),
    red_depth_m            numeric(5, 2) NOT NULL CHECK (red_depth_m > 0 AND red_depth_m <= 10),
    red_vulnerable_depth_m numeric(5, 2) NOT NULL CHECK (red_vulnerable_depth_m >= 0),
    orange_depth_m         numeric(5, 2) NOT NULL CHECK (orange_depth_m >= 0),
    weak_grades            text[] NOT NULL CHECK (weak_grades <@ ARRAY['A', 'B', 'C', 'D']),
    deep_zone_kinds        text[] NOT NULL CHECK (deep_zone_kinds <@ ARRAY['FLOODWAY', 'DETENTION', 'LOW_LYING', 'BREACH']),
    near_zone_m            numeric(6, 1) NOT NULL CHECK (near_zone_m >= 0 AND near_zone_m <= 200),
    must_move_iv           text[] NOT NULL,
    must_move_iii          text[] NOT NULL,
    must_move_ii           text[] NOT NULL,
    must_move_i            text[] NOT NULL,
    note                   text,
    created_by             text NOT NULL DEFAULT 'system',
    created_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT risk_rule_set_order CHECK (orange_depth_m < red_depth_m AND red_vulnerable_depth_m <= red_depth_m),
    CONSTRAINT risk_rule_set_colours CHECK (
        must_move_iv <@ ARRAY['RED', 'ORANGE', 'YELLOW', 'GREEN'] AND must_move_iii <@ ARRAY['RED', 'ORANGE', 'YELLOW', 'GREEN']
        AND must_move_ii <@ ARRAY['RED', 'ORANGE', 'YELLOW', 'GREEN'] AND must_move_i <@ ARRAY['RED', 'ORANGE', 'YELLOW', 'GREEN'])
);
INSERT INTO risk_rule_set (storey_height_m, basement_depth_m, red_depth_m, red_vulnerable_depth_m, orange_depth_m,
                           weak_grades, deep_zone_kinds, near_zone_m, must_move_iv, must_move_iii, must_move_ii,
                           must_move_i, note)
VALUES (3.0, 2.5, 0.5, 0.15, 0.15, ARRAY['C', 'D'], ARRAY['FLOODWAY', 'DETENTION'], 50, ARRAY[]::text[],
        ARRAY['RED'], ARRAY['RED', 'ORANGE'], ARRAY['RED', 'ORANGE', 'YELLOW'], 'DESIGN §4 defaults');

-- Effective water depth at the dwelling: e = d − (f − 1)·H; a basement dwelling gets d + basement depth.
CREATE FUNCTION gm_effective_depth(d numeric, floor integer, rs risk_rule_set) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN d <= 0 THEN 0::numeric
               WHEN floor = 0 THEN d + rs.basement_depth_m
               ELSE d - (floor - 1) * rs.storey_height_m END $$;

-- The 四色 rule, first match wins. Returns the rule number:
--  1 RED_DEPTH e ≥ red  2 RED_BASEMENT  3 RED_WEAK_BUILDING  4 RED_VULNERABLE v and e > red_vulnerable
--  5 RED_DEEP_ZONE  6 ORANGE_DEPTH e > orange  7 ORANGE_VULNERABLE v and d > 0  8 YELLOW_SHALLOW d > 0
--  9 YELLOW_NEAR within near_zone_m of a zone  10 GREEN
CREATE FUNCTION gm_risk_rule(d numeric, floor integer, grade text, v boolean, kinds text[], near_m real,
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

CREATE FUNCTION gm_risk_color(rule smallint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN rule <= 5 THEN 'RED' WHEN rule <= 7 THEN 'ORANGE' WHEN rule <= 9 THEN 'YELLOW' ELSE 'GREEN' END $$;

CREATE TABLE risk_run (
    id               bigserial PRIMARY KEY,
    scenario_id      bigint NOT NULL REFERENCES flood_scenario (id) ON DELETE CASCADE,
    rule_set_version integer NOT NULL REFERENCES risk_rule_set (version),
    status           text NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    phase            text,
    progress         numeric(5, 4) NOT NULL DEFAULT 0,
    counts           jsonb NOT NULL DEFAULT '{}'::jsonb,
    message          text,
    created_by       text NOT NULL,
    started_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Which run's results a scenario shows. Replaced in the same transaction that writes a run's results.
CREATE TABLE risk_current (
    scenario_id      bigint PRIMARY KEY REFERENCES flood_scenario (id) ON DELETE CASCADE,
    run_id           bigint NOT NULL REFERENCES risk_run (id),
    rule_set_version integer NOT NULL REFERENCES risk_rule_set (version)
);

CREATE TABLE risk_building (
    run_id           bigint NOT NULL REFERENCES risk_run (id) ON DELETE CASCADE,
    building_id      bigint NOT NULL REFERENCES building (id) ON DELETE CASCADE,
    model_depth_m    numeric(6, 2),
    recorded_depth_m numeric(6, 2),
    recorded_flood   text,
    zone_kinds       text[] NOT NULL DEFAULT '{}',
    near_m           real,
    worst_rule       smallint NOT NULL DEFAULT 10,
    PRIMARY KEY (run_id, building_id)
);

-- Per grid (or, for a building in no grid, per community): households, people and vulnerable people per colour.
CREATE TABLE risk_area (
    run_id     bigint NOT NULL REFERENCES risk_run (id) ON DELETE CASCADE,
    code       text NOT NULL,
    hh         integer[] NOT NULL,   -- {red, orange, yellow, green}
    people     integer[] NOT NULL,
    vulnerable integer[] NOT NULL,
    worst_rule smallint NOT NULL,
    PRIMARY KEY (run_id, code)
);

-- The inputs of the rule for the buildings of a scenario that lie in, or within max_near_m of, its zones, or have a
-- recorded inundation. ids = null: every building. Batch runs and incremental refreshes both use this. Distances are
-- planar in the metric CRS (EPSG:4550 for Baicheng): zones are subdivided and transformed once, buildings once each.
CREATE FUNCTION gm_risk_building_inputs(scenario bigint, ids bigint[], max_near_m double precision, metric_srid integer)
    RETURNS TABLE (building_id bigint, model_depth_m numeric, recorded_depth_m numeric, recorded_flood text,
                   zone_kinds text[], near_m real)
    LANGUAGE sql STABLE AS
$$
WITH z AS MATERIALIZED (
    SELECT s.depth_m, s.zone_kind, s.geom, ST_Transform(s.geom, metric_srid) AS gm
    FROM (SELECT fz.depth_m, fz.zone_kind, ST_Subdivide(fz.geom, 96) AS geom
          FROM flood_zone fz WHERE fz.scenario_id = scenario) s),
touch AS (
    SELECT b.id, max(z.depth_m) AS d,
           coalesce(array_agg(DISTINCT z.zone_kind) FILTER (WHERE z.zone_kind IS NOT NULL), '{}') AS kinds
    FROM z JOIN building b ON ST_Intersects(b.geom, z.geom)
    WHERE ids IS NULL OR b.id = ANY (ids)
    GROUP BY b.id),
near AS (
    SELECT x.id, x.m FROM (
        SELECT b.id, min(ST_Distance(bm.g, z.gm))::real AS m
        FROM z
        JOIN building b ON b.geom && ST_Expand(z.geom, max_near_m / 70000.0)
        CROSS JOIN LATERAL (SELECT ST_Transform(b.geom, metric_srid) AS g) bm
        WHERE (ids IS NULL OR b.id = ANY (ids)) AND NOT EXISTS (SELECT 1 FROM touch t WHERE t.id = b.id)
        GROUP BY b.id) x
    WHERE x.m <= max_near_m),
rec AS (
    SELECT DISTINCT ON (ri.building_id) ri.building_id, ri.depth_m, ri.flood_name
    FROM recorded_inundation ri
    WHERE ids IS NULL OR ri.building_id = ANY (ids)
    ORDER BY ri.building_id, ri.depth_m DESC)
SELECT coalesce(t.id, n.id, r.building_id), t.d, r.depth_m, r.flood_name, coalesce(t.kinds, '{}'), n.m
FROM touch t
FULL JOIN near n ON n.id = t.id
FULL JOIN rec r ON r.building_id = coalesce(t.id, n.id)
$$;

-- Recomputes worst rules of a run's buildings and its per-area counts, for the given grid/community codes
-- (null: all). Households of buildings without inputs are green.
CREATE FUNCTION gm_risk_aggregate(run bigint, codes text[]) RETURNS void LANGUAGE plpgsql AS
$$
DECLARE
    rs risk_rule_set;
BEGIN
    -- The rule set the results follow: the current one for a current run (rule edits re-derive at once), else the run's.
    SELECT s.* INTO rs FROM risk_rule_set s
    WHERE s.version = coalesce((SELECT rc.rule_set_version FROM risk_current rc WHERE rc.run_id = run),
                               (SELECT r.rule_set_version FROM risk_run r WHERE r.id = run));
    UPDATE risk_building rb SET worst_rule = x.w
    FROM (SELECT h.building_id, min(gm_risk_rule(greatest(coalesce(rb2.model_depth_m, 0), coalesce(rb2.recorded_depth_m, 0)),
                                                  h.floor, b.safety_grade, gm_is_vulnerable(h), rb2.zone_kinds,
                                                  rb2.near_m, rs)) AS w
          FROM risk_building rb2
          JOIN building b ON b.id = rb2.building_id
          JOIN household h ON h.building_id = b.id
          WHERE rb2.run_id = run AND (codes IS NULL OR coalesce(b.grid_code, b.community_code) = ANY (codes))
          GROUP BY h.building_id) x
    WHERE rb.run_id = run AND rb.building_id = x.building_id AND rb.worst_rule IS DISTINCT FROM x.w;

    DELETE FROM risk_area a WHERE a.run_id = run AND (codes IS NULL OR a.code = ANY (codes));
    INSERT INTO risk_area (run_id, code, hh, people, vulnerable, worst_rule)
    SELECT run, t.code,
           ARRAY[t.hr, t.ho, t.hy, t.hall - t.hr - t.ho - t.hy],
           ARRAY[t.pr, t.po, t.py, t.pall - t.pr - t.po - t.py],
           ARRAY[t.vr, t.vo, t.vy, t.vall - t.vr - t.vo - t.vy],
           coalesce(t.worst, 10)
    FROM (
        SELECT tot.code, tot.hall, tot.pall, tot.vall,
               coalesce(c.hr, 0) AS hr, coalesce(c.ho, 0) AS ho, coalesce(c.hy, 0) AS hy,
               coalesce(c.pr, 0) AS pr, coalesce(c.po, 0) AS po, coalesce(c.py, 0) AS py,
               coalesce(c.vr, 0) AS vr, coalesce(c.vo, 0) AS vo, coalesce(c.vy, 0) AS vy, c.worst
        FROM (SELECT coalesce(b.grid_code, b.community_code) AS code, sum(b.households)::int AS hall,
                     sum(b.people)::int AS pall, sum(b.vulnerable_people)::int AS vall
              FROM building b
              WHERE coalesce(b.grid_code, b.community_code) IS NOT NULL AND b.households > 0
                AND (codes IS NULL OR coalesce(b.grid_code, b.community_code) = ANY (codes))
              GROUP BY 1) tot
        LEFT JOIN (
            SELECT hr.code,
                   count(*) FILTER (WHERE hr.rule <= 5)::int AS hr,
                   count(*) FILTER (WHERE hr.rule BETWEEN 6 AND 7)::int AS ho,
                   count(*) FILTER (WHERE hr.rule BETWEEN 8 AND 9)::int AS hy,
                   coalesce(sum(hr.members) FILTER (WHERE hr.rule <= 5), 0)::int AS pr,
                   coalesce(sum(hr.members) FILTER (WHERE hr.rule BETWEEN 6 AND 7), 0)::int AS po,
                   coalesce(sum(hr.members) FILTER (WHERE hr.rule BETWEEN 8 AND 9), 0)::int AS py,
                   coalesce(sum(hr.vuln) FILTER (WHERE hr.rule <= 5), 0)::int AS vr,
                   coalesce(sum(hr.vuln) FILTER (WHERE hr.rule BETWEEN 6 AND 7), 0)::int AS vo,
                   coalesce(sum(hr.vuln) FILTER (WHERE hr.rule BETWEEN 8 AND 9), 0)::int AS vy,
                   min(hr.rule) AS worst
            FROM (SELECT coalesce(b.grid_code, b.community_code) AS code, h.members, gm_vulnerable_people(h) AS vuln,
                         gm_risk_rule(greatest(coalesce(rb.model_depth_m, 0), coalesce(rb.recorded_depth_m, 0)),
                                      h.floor, b.safety_grade, gm_is_vulnerable(h), rb.zone_kinds, rb.near_m, rs) AS rule
                  FROM risk_building rb
                  JOIN building b ON b.id = rb.building_id
                  JOIN household h ON h.building_id = b.id
                  WHERE rb.run_id = run AND rb.worst_rule < 10
                    AND (codes IS NULL OR coalesce(b.grid_code, b.community_code) = ANY (codes))) hr
            GROUP BY hr.code) c ON c.code = tot.code) t;
END
$$;

-- Incremental: re-derive the inputs of some buildings (and the counts of the areas they were and are in) for every
-- current run. Called by the triggers below, in the transaction of the change.
CREATE FUNCTION gm_risk_refresh(ids bigint[], extra_codes text[]) RETURNS void LANGUAGE plpgsql AS
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
        INSERT INTO risk_building (run_id, building_id, model_depth_m, recorded_depth_m, recorded_flood, zone_kinds, near_m)
        SELECT cur.run_id, i.building_id, i.model_depth_m, i.recorded_depth_m, i.recorded_flood, i.zone_kinds, i.near_m
        FROM gm_risk_building_inputs(cur.scenario_id, ids, 200, gm_metric_srid()) i;
        PERFORM gm_risk_aggregate(cur.run_id, codes);
    END LOOP;
END
$$;

CREATE FUNCTION gm_risk_on_household() RETURNS trigger LANGUAGE plpgsql AS
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
CREATE TRIGGER household_risk_ins AFTER INSERT ON household REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_household();
CREATE TRIGGER household_risk_upd AFTER UPDATE ON household REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_household();
CREATE TRIGGER household_risk_del AFTER DELETE ON household REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_household();

CREATE FUNCTION gm_risk_on_building() RETURNS trigger LANGUAGE plpgsql AS
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
        SELECT array_agg(n.id), array_agg(DISTINCT coalesce(o.grid_code, o.community_code))
        INTO ids, old_codes
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.geom IS DISTINCT FROM o.geom OR n.safety_grade IS DISTINCT FROM o.safety_grade
           OR n.grid_code IS DISTINCT FROM o.grid_code OR n.community_code IS DISTINCT FROM o.community_code;
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
CREATE TRIGGER building_risk_ins AFTER INSERT ON building REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building();
CREATE TRIGGER building_risk_upd AFTER UPDATE ON building
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building();
CREATE TRIGGER building_risk_del AFTER DELETE ON building REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building();

CREATE FUNCTION gm_risk_on_inundation() RETURNS trigger LANGUAGE plpgsql AS
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
CREATE TRIGGER inundation_risk_ins AFTER INSERT ON recorded_inundation REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_inundation();
CREATE TRIGGER inundation_risk_upd AFTER UPDATE ON recorded_inundation REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_inundation();
CREATE TRIGGER inundation_risk_del AFTER DELETE ON recorded_inundation REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_inundation();

-- A zone that changes touches the buildings under its old and new outline (and within 200 m of them).
CREATE FUNCTION gm_risk_on_zone() RETURNS trigger LANGUAGE plpgsql AS
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
CREATE TRIGGER zone_risk_ins AFTER INSERT ON flood_zone REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_zone();
CREATE TRIGGER zone_risk_upd AFTER UPDATE ON flood_zone REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_zone();
CREATE TRIGGER zone_risk_del AFTER DELETE ON flood_zone REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_zone();

-- Which server instance runs a job. Each instance holds pg_advisory_lock(7262, instance_key) on a dedicated session
-- for its lifetime; PostgreSQL drops it when the process dies, so "RUNNING but its instance's lock is gone" means
-- the job died with its process (kill -9 included), on any number of instances.
ALTER TABLE risk_run ADD COLUMN instance_key integer;
ALTER TABLE import_job ADD COLUMN instance_key integer;

CREATE FUNCTION gm_instance_alive(k integer) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT k IS NOT NULL AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.classid = 7262
                                     AND l.objid = k::oid AND l.granted) $$;

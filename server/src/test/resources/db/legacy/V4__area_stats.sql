-- Totals per grid (or, for buildings in no grid, per community): buildings, households, people, vulnerable people.
-- Kept by statement triggers on building from the transition tables (deltas), so coverage QA, summaries and 四色
-- aggregation read a few thousand rows instead of scanning every building.
CREATE TABLE area_stats (
    code              text PRIMARY KEY,
    buildings         integer NOT NULL DEFAULT 0,
    households        integer NOT NULL DEFAULT 0,
    people            integer NOT NULL DEFAULT 0,
    vulnerable_people integer NOT NULL DEFAULT 0
);

INSERT INTO area_stats (code, buildings, households, people, vulnerable_people)
SELECT coalesce(grid_code, community_code), count(*), sum(households), sum(people), sum(vulnerable_people)
FROM building WHERE coalesce(grid_code, community_code) IS NOT NULL GROUP BY 1;

CREATE FUNCTION gm_area_stats_apply(d_code text[], d_b bigint[], d_h bigint[], d_p bigint[], d_v bigint[])
    RETURNS void LANGUAGE sql AS
$$
INSERT INTO area_stats AS s (code, buildings, households, people, vulnerable_people)
SELECT x.code, sum(x.b), sum(x.h), sum(x.p), sum(x.v)
FROM unnest(d_code, d_b, d_h, d_p, d_v) AS x (code, b, h, p, v)
WHERE x.code IS NOT NULL
GROUP BY x.code
ON CONFLICT (code) DO UPDATE SET buildings = s.buildings + EXCLUDED.buildings,
    households = s.households + EXCLUDED.households, people = s.people + EXCLUDED.people,
    vulnerable_people = s.vulnerable_people + EXCLUDED.vulnerable_people;
$$;

CREATE FUNCTION gm_area_stats() RETURNS trigger LANGUAGE plpgsql AS
$$
DECLARE
    c text[]; b bigint[]; h bigint[]; p bigint[]; v bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(k), array_agg(nb), array_agg(nh), array_agg(np), array_agg(nv) INTO c, b, h, p, v
        FROM (SELECT coalesce(grid_code, community_code) AS k, count(*) AS nb, sum(households) AS nh,
                     sum(people) AS np, sum(vulnerable_people) AS nv FROM new_rows GROUP BY 1) x;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(k), array_agg(-nb), array_agg(-nh), array_agg(-np), array_agg(-nv) INTO c, b, h, p, v
        FROM (SELECT coalesce(grid_code, community_code) AS k, count(*) AS nb, sum(households) AS nh,
                     sum(people) AS np, sum(vulnerable_people) AS nv FROM old_rows GROUP BY 1) x;
    ELSE
        SELECT array_agg(k), array_agg(nb), array_agg(nh), array_agg(np), array_agg(nv) INTO c, b, h, p, v
        FROM (SELECT k, sum(nb) AS nb, sum(nh) AS nh, sum(np) AS np, sum(nv) AS nv FROM (
                  SELECT coalesce(n.grid_code, n.community_code) AS k, 1 AS nb, n.households AS nh, n.people AS np,
                         n.vulnerable_people AS nv
                  FROM new_rows n JOIN old_rows o ON o.id = n.id
                  WHERE n.households <> o.households OR n.people <> o.people OR n.vulnerable_people <> o.vulnerable_people
                     OR n.grid_code IS DISTINCT FROM o.grid_code OR n.community_code IS DISTINCT FROM o.community_code
                  UNION ALL
                  SELECT coalesce(o.grid_code, o.community_code), -1, -o.households, -o.people, -o.vulnerable_people
                  FROM new_rows n JOIN old_rows o ON o.id = n.id
                  WHERE n.households <> o.households OR n.people <> o.people OR n.vulnerable_people <> o.vulnerable_people
                     OR n.grid_code IS DISTINCT FROM o.grid_code OR n.community_code IS DISTINCT FROM o.community_code) d
              GROUP BY k) x;
    END IF;
    IF c IS NOT NULL THEN
        PERFORM gm_area_stats_apply(c, b, h, p, v);
    END IF;
    RETURN NULL;
END
$$;
-- Named to fire before the building_risk_* triggers (same event, alphabetical order), which read these totals.
CREATE TRIGGER building_area_stats_ins AFTER INSERT ON building REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_area_stats();
CREATE TRIGGER building_area_stats_upd AFTER UPDATE ON building REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_area_stats();
CREATE TRIGGER building_area_stats_del AFTER DELETE ON building REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_area_stats();

-- Buildings in no grid are few; find them without scanning.
CREATE INDEX building_no_grid_idx ON building (community_code) WHERE grid_code IS NULL;

-- 四色 per-area totals now come from area_stats.
CREATE OR REPLACE FUNCTION gm_risk_aggregate(run bigint, codes text[]) RETURNS void LANGUAGE plpgsql AS
$$
DECLARE
    rs risk_rule_set;
BEGIN
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
        SELECT tot.code, tot.households AS hall, tot.people AS pall, tot.vulnerable_people AS vall,
               coalesce(c.hr, 0) AS hr, coalesce(c.ho, 0) AS ho, coalesce(c.hy, 0) AS hy,
               coalesce(c.pr, 0) AS pr, coalesce(c.po, 0) AS po, coalesce(c.py, 0) AS py,
               coalesce(c.vr, 0) AS vr, coalesce(c.vo, 0) AS vo, coalesce(c.vy, 0) AS vy, c.worst
        FROM area_stats tot
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
            GROUP BY hr.code) c ON c.code = tot.code
        WHERE tot.households > 0 AND (codes IS NULL OR tot.code = ANY (codes))) t;
END
$$;

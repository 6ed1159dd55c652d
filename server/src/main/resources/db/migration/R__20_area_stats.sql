-- Totals per grid (or, for buildings in no grid, per community): buildings, households, people, vulnerable people,
-- in area_stats. Kept by statement triggers on building from the transition tables (deltas), so coverage QA,
-- summaries and 四色 aggregation read a few thousand rows instead of scanning every building. Repeatable.

CREATE OR REPLACE FUNCTION gm_area_stats_apply(d_code text[], d_b bigint[], d_h bigint[], d_p bigint[], d_v bigint[])
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

CREATE OR REPLACE FUNCTION gm_area_stats() RETURNS trigger LANGUAGE plpgsql AS
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
        -- An update's delta per area is what its new rows count minus what its old rows counted: two aggregates and
        -- no join between the transition tables (a join plan cached from a small statement would be quadratic on a
        -- large one).
        SELECT array_agg(k), array_agg(nb), array_agg(nh), array_agg(np), array_agg(nv) INTO c, b, h, p, v
        FROM (SELECT k, sum(nb) AS nb, sum(nh) AS nh, sum(np) AS np, sum(nv) AS nv FROM (
                  SELECT coalesce(n.grid_code, n.community_code) AS k, count(*) AS nb, sum(n.households) AS nh,
                         sum(n.people) AS np, sum(n.vulnerable_people) AS nv
                  FROM new_rows n GROUP BY 1
                  UNION ALL
                  SELECT coalesce(o.grid_code, o.community_code), -count(*), -sum(o.households), -sum(o.people),
                         -sum(o.vulnerable_people)
                  FROM old_rows o GROUP BY 1) d
              GROUP BY k
              HAVING sum(nb) <> 0 OR sum(nh) <> 0 OR sum(np) <> 0 OR sum(nv) <> 0) x;
    END IF;
    IF c IS NOT NULL THEN
        PERFORM gm_area_stats_apply(c, b, h, p, v);
    END IF;
    RETURN NULL;
END
$$;
-- Named to fire before the building_risk_* triggers (same event, alphabetical order), which read these totals.
CREATE OR REPLACE TRIGGER building_area_stats_ins AFTER INSERT ON building REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_area_stats();
CREATE OR REPLACE TRIGGER building_area_stats_upd AFTER UPDATE ON building REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_area_stats();
CREATE OR REPLACE TRIGGER building_area_stats_del AFTER DELETE ON building REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_area_stats();

-- The membership cache also records whether a building's footprint is cut by its grid's boundary, so coverage QA
-- reads it instead of testing every footprint against its grid (the test moves to write time, once per change).
ALTER TABLE building ADD COLUMN grid_split boolean NOT NULL DEFAULT false;
CREATE INDEX building_split_idx ON building (grid_code) WHERE grid_split;

CREATE OR REPLACE FUNCTION gm_building_membership() RETURNS trigger LANGUAGE plpgsql AS
$$
DECLARE
    g_geom geometry;
BEGIN
    SELECT g.grid_code, g.community_code, g.geom INTO NEW.grid_code, NEW.community_code, g_geom
    FROM grid g
    WHERE g.valid_to IS NULL AND ST_Intersects(g.geom, ST_PointOnSurface(NEW.geom))
    ORDER BY g.grid_code
    LIMIT 1;
    IF NOT FOUND THEN
        NEW.grid_code := NULL;
        NEW.grid_split := false;
        SELECT a.code INTO NEW.community_code
        FROM admin_area a
        WHERE a.level = 'COMMUNITY' AND ST_Intersects(a.geom, ST_PointOnSurface(NEW.geom))
        ORDER BY a.code
        LIMIT 1;
    ELSE
        NEW.grid_split := NOT ST_CoveredBy(NEW.geom, g_geom);
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION gm_refresh_membership(area geometry) RETURNS void LANGUAGE sql AS
$$
UPDATE building b
SET grid_code = m.grid_code, community_code = m.community_code, grid_split = m.split, updated_at = now()
FROM (
    SELECT b2.id,
           g.grid_code,
           coalesce(g.community_code, (SELECT a.code FROM admin_area a
                                       WHERE a.level = 'COMMUNITY'
                                         AND ST_Intersects(a.geom, ST_PointOnSurface(b2.geom))
                                       ORDER BY a.code LIMIT 1)) AS community_code,
           coalesce(NOT ST_CoveredBy(b2.geom, g.geom), false) AS split
    FROM building b2
    LEFT JOIN LATERAL (
        SELECT g.grid_code, g.community_code, g.geom FROM grid g
        WHERE g.valid_to IS NULL AND ST_Intersects(g.geom, ST_PointOnSurface(b2.geom))
        ORDER BY g.grid_code LIMIT 1) g ON true
    WHERE b2.geom && area
) m
WHERE b.id = m.id AND (b.grid_code IS DISTINCT FROM m.grid_code
                       OR b.community_code IS DISTINCT FROM m.community_code
                       OR b.grid_split IS DISTINCT FROM m.split);
$$;

-- Existing rows: derive the flag once.
UPDATE building b SET grid_split = true
FROM grid g
WHERE g.grid_code = b.grid_code AND g.valid_to IS NULL AND NOT ST_CoveredBy(b.geom, g.geom);

-- Households per building, kept by a statement trigger on household, so per-grid counts (coverage bands, summaries)
-- sum buildings instead of joining every household.
ALTER TABLE building ADD COLUMN households integer NOT NULL DEFAULT 0;

UPDATE building b SET households = x.n
FROM (SELECT building_id, count(*) AS n FROM household GROUP BY building_id) x
WHERE x.building_id = b.id;

CREATE FUNCTION gm_household_counts() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE building b SET households = b.households - d.n
        FROM (SELECT building_id, count(*) AS n FROM old_rows GROUP BY building_id) d
        WHERE b.id = d.building_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        UPDATE building b SET households = b.households + d.n
        FROM (SELECT building_id, count(*) AS n FROM new_rows GROUP BY building_id) d
        WHERE b.id = d.building_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER household_counts_ins AFTER INSERT ON household REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_household_counts();
CREATE TRIGGER household_counts_upd AFTER UPDATE ON household REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_household_counts();
CREATE TRIGGER household_counts_del AFTER DELETE ON household REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_household_counts();

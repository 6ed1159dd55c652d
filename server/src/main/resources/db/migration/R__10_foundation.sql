-- Foundation: settings, instance liveness, the append-only audit log, households' vulnerable people, and the
-- grid ↔ building membership cache. Repeatable: Flyway applies this file again whenever it changes; every
-- definition here is the only one.

-- A setting the service wrote at start from its typed configuration (table setting, org.gridmap.support.Settings).
CREATE OR REPLACE FUNCTION gm_setting(k text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS
$$ SELECT value FROM setting WHERE key = k $$;

-- The metric CRS for areas, distances and buffers (gridmap.deployment.metric-srid; EPSG:4550 for CGCS2000 GK CM 123E).
CREATE OR REPLACE FUNCTION gm_metric_srid() RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE AS
$$ SELECT gm_setting('metric_srid')::integer $$;

-- Which server instance runs a job. Each instance holds pg_advisory_lock(7262, instance_key) on a dedicated session
-- for its lifetime; PostgreSQL drops it when the process dies, so "RUNNING but its instance's lock is gone" means
-- the job died with its process (kill -9 included), on any number of instances.
CREATE OR REPLACE FUNCTION gm_instance_alive(k integer) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT k IS NOT NULL AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.classid = 7262
                                     AND l.objid = k::oid AND l.granted) $$;

-- Append-only tables (audit_log, ticket_event): UPDATE, DELETE and TRUNCATE are refused.
CREATE OR REPLACE FUNCTION gm_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$;
CREATE OR REPLACE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION gm_append_only();
CREATE OR REPLACE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION gm_append_only();

-- 脆弱人员: the one count of a household's vulnerable people (vulnerable_kind lists the kinds): its members in the
-- vulnerable groups, capped at its members (one person may be in two groups), an elderly person living alone
-- counted once. Every total (building, area_stats, 四色 counts, panels, print sheets) is made from it.
CREATE OR REPLACE FUNCTION gm_vulnerable_people(h household) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT least(h.members, h.elderly + h.children + h.sick + h.disabled + h.pregnant
                            + CASE WHEN h.living_alone AND h.elderly = 0 THEN 1 ELSE 0 END) $$;

-- Whether a household has any vulnerable member: the "v" of the 四色 rule.
CREATE OR REPLACE FUNCTION gm_is_vulnerable(h household) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT h.elderly > 0 OR h.children > 0 OR h.sick > 0 OR h.disabled > 0 OR h.pregnant > 0 OR h.living_alone $$;

-- Households, people and vulnerable people per building, kept from household's transition tables.
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
CREATE OR REPLACE TRIGGER household_counts_ins AFTER INSERT ON household REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_household_counts();
CREATE OR REPLACE TRIGGER household_counts_upd AFTER UPDATE ON household REFERENCING NEW TABLE AS new_rows
    OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gm_household_counts();
CREATE OR REPLACE TRIGGER household_counts_del AFTER DELETE ON household REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_household_counts();

-- The current version of each grid.
CREATE OR REPLACE VIEW grid_current AS SELECT * FROM grid WHERE valid_to IS NULL;

-- ---------------------------------------------------------------------------------------------------------
-- Grid ↔ building membership cache. A building belongs to the current grid that holds its footprint's point on
-- surface (or, in no grid, to the community holding it, so it can still be found and scoped); grid_split says
-- whether its grid's boundary cuts its footprint. Kept right by triggers on both sides; set-based for bulk
-- statements.

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
CREATE OR REPLACE TRIGGER building_membership BEFORE INSERT OR UPDATE OF geom ON building
    FOR EACH ROW EXECUTE FUNCTION gm_building_membership();

-- When grids change, recompute the buildings under the old and the new boundaries in one statement.
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

CREATE OR REPLACE FUNCTION gm_grid_membership_changed() RETURNS trigger LANGUAGE plpgsql AS
$$
DECLARE
    area geometry;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT ST_Extent(geom)::geometry INTO area FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT ST_Extent(geom)::geometry INTO area FROM old_rows;
    ELSE
        SELECT ST_Extent(geom)::geometry INTO area
        FROM (SELECT geom FROM new_rows UNION ALL SELECT geom FROM old_rows) x;
    END IF;
    IF area IS NOT NULL THEN
        PERFORM gm_refresh_membership(ST_SetSRID(area, 4326));
    END IF;
    RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER grid_membership_ins AFTER INSERT ON grid REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_grid_membership_changed();
CREATE OR REPLACE TRIGGER grid_membership_upd AFTER UPDATE ON grid REFERENCING NEW TABLE AS new_rows
    OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gm_grid_membership_changed();
CREATE OR REPLACE TRIGGER grid_membership_del AFTER DELETE ON grid REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_grid_membership_changed();

-- Map layers (DESIGN §7): data versions for tile caches, and one view per layer. Repeatable.
--
-- Each table a layer reads has a data version (table data_version), bumped by a statement trigger in the writing
-- transaction, so a reader sees a new version only together with the new data (a committed change can never be
-- served from a cache filled before it). A layer's version is the sum of its tables' versions (the layer
-- definitions in Java name their tables), so writing one table invalidates only the layers that read it.
-- The new version is also sent, after commit, as NOTIFY gridmap_data_version 'table version', so each instance keeps
-- the versions in memory (org.gridmap.layer.DataVersions) instead of reading them for every tile.
CREATE OR REPLACE FUNCTION gm_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS
$$
DECLARE v bigint;
BEGIN
    UPDATE data_version SET version = version + 1 WHERE table_name = TG_TABLE_NAME RETURNING version INTO v;
    PERFORM pg_notify('gridmap_data_version', TG_TABLE_NAME || ' ' || v);
    RETURN NULL;
END $$;
-- (The loop covers every row of data_version, also those added later, e.g. 'road' in V13 for the road network.)
DO $$
DECLARE t text;
BEGIN
    FOR t IN SELECT table_name FROM data_version LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION gm_bump_data_version()', t || '_data_version', t);
    END LOOP;
END $$;

-- One view per layer. The layer definitions (org.gridmap.layer.Layer, contributed by each feature) name the view,
-- its id column, the properties they publish and the zoom range; tiles and OGC API – Features read only these views.
-- No view publishes personal data. Scenario-dependent layers have a "scenario" column (the scenario code).

CREATE OR REPLACE VIEW layer_admin_areas AS
SELECT a.code AS id, a.code, a.name, a.level, a.parent_code, a.geom
FROM admin_area a WHERE a.geom IS NOT NULL;

-- The household band (城市社区按每 300—500 户标准划分 1 个网格) is the deployment's setting, urban or rural.
CREATE OR REPLACE VIEW layer_grids AS
SELECT g.grid_code AS id, g.grid_code, g.name, g.community_code, coalesce(s.households, 0) AS households,
       CASE WHEN coalesce(s.households, 0) < CASE WHEN g.rural THEN band.rmin ELSE band.umin END THEN 'BELOW'
            WHEN coalesce(s.households, 0) > CASE WHEN g.rural THEN band.rmax ELSE band.umax END THEN 'ABOVE'
            ELSE 'IN' END AS band,
       g.geom
FROM grid g
LEFT JOIN area_stats s ON s.code = g.grid_code
CROSS JOIN (SELECT gm_setting('urban_min_households')::int AS umin, gm_setting('urban_max_households')::int AS umax,
                   gm_setting('rural_min_households')::int AS rmin, gm_setting('rural_max_households')::int AS rmax) band
WHERE g.valid_to IS NULL;

-- Before a scenario's first 四色 run nothing is known: counts and colour are NULL (the map shows 未计算 in grey),
-- never green.
CREATE OR REPLACE VIEW layer_grid_risk AS
SELECT g.grid_code || ':' || sc.code AS id, sc.code AS scenario, g.grid_code, g.name,
       CASE WHEN rc.run_id IS NOT NULL THEN coalesce(a.hh[1], 0) END AS red,
       CASE WHEN rc.run_id IS NOT NULL THEN coalesce(a.hh[2], 0) END AS orange,
       CASE WHEN rc.run_id IS NOT NULL THEN coalesce(a.hh[3], 0) END AS yellow,
       CASE WHEN rc.run_id IS NOT NULL THEN coalesce(a.hh[4], s.households, 0) END AS green,
       CASE WHEN rc.run_id IS NOT NULL THEN gm_risk_color(coalesce(a.worst_rule, 10)::smallint) END AS worst_color,
       g.geom
FROM grid g
CROSS JOIN flood_scenario sc
LEFT JOIN area_stats s ON s.code = g.grid_code
LEFT JOIN risk_current rc ON rc.scenario_id = sc.id
LEFT JOIN risk_area a ON a.run_id = rc.run_id AND a.code = g.grid_code
WHERE g.valid_to IS NULL;

-- Buildings with the worst colour of their households: household-level information, so login and scope apply.
CREATE OR REPLACE VIEW layer_buildings AS
SELECT b.building_id AS id, sc.code AS scenario, b.building_id, b.floors, b.structure, b.safety_grade,
       CASE WHEN rc.run_id IS NOT NULL THEN gm_risk_color(coalesce(rb.worst_rule, 10)::smallint) END AS color,
       coalesce(b.grid_code, b.community_code) AS scope,
       b.geom
FROM building b
CROSS JOIN flood_scenario sc
LEFT JOIN risk_current rc ON rc.scenario_id = sc.id
LEFT JOIN risk_building rb ON rb.run_id = rc.run_id AND rb.building_id = b.id;

CREATE OR REPLACE VIEW layer_flood_zones AS
SELECT z.id::text AS id, s.code AS scenario, z.depth_m::float8 AS depth_m, z.depth_class, z.zone_kind,
       z.arrival_hours::float8 AS arrival_hours, z.geom
FROM flood_zone z JOIN flood_scenario s ON s.id = z.scenario_id;

CREATE OR REPLACE VIEW layer_shelters AS
SELECT s.shelter_id AS id, s.shelter_id, s.name, s.kind, s.capacity, s.accessible, s.status, s.occupancy,
       CASE WHEN s.capacity > 0 THEN round(s.occupancy::numeric / s.capacity, 3)::float8 END AS occupancy_share,
       s.geom
FROM shelter s;

CREATE OR REPLACE VIEW layer_waters AS
SELECT w.id::text AS id, w.name, w.kind, w.synthetic, w.geom FROM water_feature w;

-- Scoped like buildings: a finding belongs to its community (or grid); a finding with neither is the district's.
CREATE OR REPLACE VIEW layer_coverage_findings AS
SELECT f.id, f.kind, f.community_code, f.grid_code, f.other_grid_code, f.building_id, f.area_m2, f.length_m,
       f.households, f.detail, coalesce(f.grid_code, f.community_code, '') AS scope, f.geom
FROM coverage_finding f WHERE f.geom IS NOT NULL;

-- The tickets layer: points with status and overdue; no description or reporter (scoped to the caller's area).
CREATE OR REPLACE VIEW layer_tickets AS
SELECT t.id::text AS id, t.number, t.category_code AS category, t.status, t.level,
       (t.open AND t.due_at < now()) AS overdue,
       t.created_at::text AS created_at, t.grid_code AS scope, t.geom
FROM ticket t WHERE t.duplicate_of IS NULL;

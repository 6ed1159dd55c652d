-- Map layers: one view per layer (DESIGN §7). The layer catalogue (org.gridmap.layer.LayerCatalog) names the view,
-- its id column, published properties and zoom range; tiles and OGC API – Features read only these views.
-- No view publishes personal data. Scenario-dependent layers have a "scenario" column (the scenario code).

CREATE VIEW layer_admin_areas AS
SELECT a.code AS id, a.code, a.name, a.level, a.parent_code, a.geom
FROM admin_area a WHERE a.geom IS NOT NULL;

CREATE VIEW layer_grids AS
SELECT g.grid_code AS id, g.grid_code, g.name, g.community_code, coalesce(s.households, 0) AS households,
       CASE WHEN coalesce(s.households, 0) < 300 THEN 'BELOW' WHEN s.households > 500 THEN 'ABOVE' ELSE 'IN' END AS band,
       g.geom
FROM grid g LEFT JOIN area_stats s ON s.code = g.grid_code
WHERE g.valid_to IS NULL;

CREATE VIEW layer_grid_risk AS
SELECT g.grid_code || ':' || sc.code AS id, sc.code AS scenario, g.grid_code, g.name,
       coalesce(a.hh[1], 0) AS red, coalesce(a.hh[2], 0) AS orange, coalesce(a.hh[3], 0) AS yellow,
       coalesce(a.hh[4], s.households, 0) AS green, gm_risk_color(coalesce(a.worst_rule, 10)::smallint) AS worst_color,
       g.geom
FROM grid g
CROSS JOIN flood_scenario sc
LEFT JOIN area_stats s ON s.code = g.grid_code
LEFT JOIN risk_current rc ON rc.scenario_id = sc.id
LEFT JOIN risk_area a ON a.run_id = rc.run_id AND a.code = g.grid_code
WHERE g.valid_to IS NULL;

-- Buildings with the worst colour of their households: household-level information, so login and scope apply.
CREATE VIEW layer_buildings AS
SELECT b.building_id AS id, sc.code AS scenario, b.building_id, b.floors, b.structure, b.safety_grade,
       gm_risk_color(coalesce(rb.worst_rule, 10)::smallint) AS color, coalesce(b.grid_code, b.community_code) AS scope,
       b.geom
FROM building b
CROSS JOIN flood_scenario sc
LEFT JOIN risk_current rc ON rc.scenario_id = sc.id
LEFT JOIN risk_building rb ON rb.run_id = rc.run_id AND rb.building_id = b.id;

CREATE VIEW layer_flood_zones AS
SELECT z.id::text AS id, s.code AS scenario, z.depth_m::float8 AS depth_m, z.depth_class, z.zone_kind,
       z.arrival_hours::float8 AS arrival_hours, z.geom
FROM flood_zone z JOIN flood_scenario s ON s.id = z.scenario_id;

CREATE VIEW layer_shelters AS
SELECT s.shelter_id AS id, s.shelter_id, s.name, s.kind, s.capacity, s.accessible, s.open, s.geom FROM shelter s;

CREATE VIEW layer_waters AS
SELECT w.id::text AS id, w.name, w.kind, w.synthetic, w.geom FROM water_feature w;

-- Data version for tile caches and ETags: bumped in the writing transaction, so a reader sees the new version only
-- together with the new data (a committed change can never be served from a cache filled before it).
CREATE TABLE layer_version (id boolean PRIMARY KEY DEFAULT true CHECK (id), version bigint NOT NULL);
INSERT INTO layer_version VALUES (true, 1);
CREATE FUNCTION gm_bump_layer_version() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN UPDATE layer_version SET version = version + 1; RETURN NULL; END $$;
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['admin_area', 'grid', 'building', 'flood_zone', 'flood_scenario', 'shelter',
                             'water_feature', 'risk_current', 'risk_area', 'risk_building', 'area_stats'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION gm_bump_layer_version()', t || '_layer_version', t);
    END LOOP;
END $$;

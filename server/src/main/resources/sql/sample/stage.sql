-- Staging tables for rows that refer to buildings by their external id; dropped at commit.
CREATE TEMP TABLE stage_household (LIKE household INCLUDING DEFAULTS, building_ref text) ON COMMIT DROP;
ALTER TABLE stage_household DROP COLUMN id, DROP COLUMN building_id;
CREATE TEMP TABLE stage_steward (LIKE steward INCLUDING DEFAULTS, building_ref text) ON COMMIT DROP;
ALTER TABLE stage_steward DROP COLUMN id, DROP COLUMN building_id;
CREATE TEMP TABLE stage_inundation (building_ref text, flood_name text, flood_date date, depth_m numeric) ON COMMIT DROP;

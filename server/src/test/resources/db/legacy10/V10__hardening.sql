-- Login throttling (DESIGN §8): failed logins counted per user name and per client address within a window; past
-- the limit the key is locked for a while, each further lockout twice as long (up to a ceiling). Rows hold a hash of
-- the user name, never the attempted name itself.
CREATE TABLE login_throttle (
    key          text PRIMARY KEY CHECK (length(key) <= 100),
    failures     integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
    window_start timestamptz NOT NULL DEFAULT now(),
    locked_until timestamptz,
    lockouts     integer NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_throttle_locked_idx ON login_throttle (locked_until) WHERE locked_until IS NOT NULL;

-- Well-formed polygons: no empty parts, no rings of fewer than 4 points. ST_IsValid lets an empty interior ring
-- through, and such a row then breaks every later computation that reads it (coverage snapshot, tiles, JTS). Imports
-- check this before they write; the constraints make sure no other path can store one either.
CREATE FUNCTION gm_well_formed(g geometry) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT g IS NULL OR NOT EXISTS (
        SELECT 1 FROM ST_Dump(g) d
        WHERE ST_IsEmpty(d.geom)
           OR (GeometryType(d.geom) = 'POLYGON'
               AND EXISTS (SELECT 1 FROM ST_DumpRings(d.geom) r WHERE ST_NPoints(r.geom) < 4)))
$$;

-- The same polygons without their degenerate rings and empty parts (for rows stored before the constraint).
CREATE FUNCTION gm_drop_degenerate_rings(g geometry) RETURNS geometry LANGUAGE sql IMMUTABLE AS $$
    SELECT ST_SetSRID(ST_Multi(ST_Collect(p.poly ORDER BY p.path)), ST_SRID(g))
    FROM (
        SELECT d.path, ST_MakePolygon(ST_ExteriorRing(d.geom), ARRAY(
                   SELECT ST_InteriorRingN(d.geom, n) FROM generate_series(1, ST_NumInteriorRings(d.geom)) n
                   WHERE ST_NPoints(ST_InteriorRingN(d.geom, n)) >= 4)) AS poly
        FROM ST_Dump(g) d
        WHERE GeometryType(d.geom) = 'POLYGON' AND NOT ST_IsEmpty(d.geom)
          AND ST_NPoints(ST_ExteriorRing(d.geom)) >= 4
    ) p
$$;

UPDATE admin_area SET geom = gm_drop_degenerate_rings(geom) WHERE NOT gm_well_formed(geom);
UPDATE grid SET geom = gm_drop_degenerate_rings(geom) WHERE NOT gm_well_formed(geom);
UPDATE building SET geom = gm_drop_degenerate_rings(geom) WHERE NOT gm_well_formed(geom);
UPDATE flood_zone SET geom = gm_drop_degenerate_rings(geom) WHERE NOT gm_well_formed(geom);

ALTER TABLE admin_area ADD CONSTRAINT admin_area_geom_well_formed CHECK (gm_well_formed(geom));
ALTER TABLE grid ADD CONSTRAINT grid_geom_well_formed CHECK (gm_well_formed(geom));
ALTER TABLE building ADD CONSTRAINT building_geom_well_formed CHECK (gm_well_formed(geom));
ALTER TABLE flood_zone ADD CONSTRAINT flood_zone_geom_well_formed CHECK (gm_well_formed(geom));

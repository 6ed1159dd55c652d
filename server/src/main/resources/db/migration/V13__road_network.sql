-- Road network for evacuation routes (pgRouting). The network is derived from table road by
-- gm_road_network_build() (R__55_routing.sql): roads noded at every crossing, one edge per piece, one vertex per
-- end point. pgRouting is optional: where the extension is not installed (or this role may not create it) plans
-- fall back to straight-line distances and say so.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgrouting') THEN
        CREATE EXTENSION IF NOT EXISTS pgrouting;
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'pgrouting not created (%): evacuation distances will be straight lines', SQLERRM;
END $$;

CREATE TABLE IF NOT EXISTS road_vertex (
    id   bigint PRIMARY KEY,
    geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX IF NOT EXISTS road_vertex_geom_idx ON road_vertex USING gist (geom);

CREATE TABLE IF NOT EXISTS road_edge (
    id       bigint PRIMARY KEY,
    source   bigint NOT NULL REFERENCES road_vertex (id),
    target   bigint NOT NULL REFERENCES road_vertex (id),
    length_m double precision NOT NULL CHECK (length_m >= 0),
    name     text,
    geom     geometry(LineString, 4326) NOT NULL
);
CREATE INDEX IF NOT EXISTS road_edge_geom_idx ON road_edge USING gist (geom);
CREATE INDEX IF NOT EXISTS road_edge_source_idx ON road_edge (source);
CREATE INDEX IF NOT EXISTS road_edge_target_idx ON road_edge (target);

-- One row: the road table's data version the network was built from (a newer road version rebuilds it).
CREATE TABLE IF NOT EXISTS road_network (
    only_row     boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    road_version bigint NOT NULL,
    vertices     integer NOT NULL,
    edges        integer NOT NULL,
    built_at     timestamptz NOT NULL DEFAULT now()
);

INSERT INTO data_version (table_name) VALUES ('road') ON CONFLICT DO NOTHING;

-- A household no shelter can be reached from by road (within the route cutoff) is unplaced for NO_ROAD.
ALTER TABLE transfer DROP CONSTRAINT IF EXISTS transfer_unplaced_reason_check;
ALTER TABLE transfer ADD CONSTRAINT transfer_unplaced_reason_check
    CHECK (unplaced_reason IN ('NO_CAPACITY', 'NO_ACCESSIBLE_SHELTER', 'NO_SHELTER', 'NO_ROAD'));

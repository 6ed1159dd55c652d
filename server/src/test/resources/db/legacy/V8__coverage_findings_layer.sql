-- Coverage findings as a map layer. Findings are computed by the JTS engine (org.gridmap.coverage), not by SQL, so
-- they are kept here as a snapshot tagged with the data version (layer_version) they were computed from; readers of
-- the layer refresh the snapshot first when the data has moved on (CoverageFindingsLayer). Writing the snapshot does
-- not bump layer_version: the snapshot is derived from data at a version, not new data.
CREATE TABLE coverage_finding (
    id              text PRIMARY KEY,
    kind            text NOT NULL,
    community_code  text,
    grid_code       text,
    other_grid_code text,
    building_id     text,
    area_m2         double precision NOT NULL,
    length_m        double precision NOT NULL,
    households      integer,
    detail          text NOT NULL,
    geom            geometry(Geometry, 4326)
);
CREATE INDEX coverage_finding_geom ON coverage_finding USING gist (geom);
CREATE INDEX coverage_finding_grid ON coverage_finding (grid_code);
CREATE INDEX coverage_finding_other_grid ON coverage_finding (other_grid_code);

CREATE TABLE coverage_snapshot (
    id           boolean PRIMARY KEY DEFAULT true CHECK (id),
    data_version bigint NOT NULL,
    computed_at  timestamptz NOT NULL DEFAULT now()
);

-- Scoped like buildings: a finding belongs to its community (or grid); a finding with neither is the district's.
CREATE VIEW layer_coverage_findings AS
SELECT f.id, f.kind, f.community_code, f.grid_code, f.other_grid_code, f.building_id, f.area_m2, f.length_m,
       f.households, f.detail, coalesce(f.grid_code, f.community_code, '') AS scope, f.geom
FROM coverage_finding f WHERE f.geom IS NOT NULL;

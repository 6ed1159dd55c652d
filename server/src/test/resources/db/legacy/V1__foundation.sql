-- gridmap foundation schema. Storage CRS is EPSG:4326 everywhere; metric work uses geography or EPSG:4550.
CREATE EXTENSION IF NOT EXISTS postgis;

-- The widest envelope any gridmap deployment serves (mainland China and islands). The configured service
-- envelope (gridmap.service-envelope) is checked by the application on the way in; this is the last defence.
CREATE FUNCTION gm_in_china(g geometry) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT g IS NULL OR (ST_XMin(g) >= 73 AND ST_XMax(g) <= 136 AND ST_YMin(g) >= 3 AND ST_YMax(g) <= 54) $$;

-- 行政区划: city, county (district), street (街道/乡镇), community (社区/村).
CREATE TABLE admin_area (
    code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    level       text NOT NULL CHECK (level IN ('CITY', 'COUNTY', 'STREET', 'COMMUNITY')),
    parent_code text REFERENCES admin_area (code),
    kind        text,
    rural       boolean NOT NULL DEFAULT false,
    geom        geometry(MultiPolygon, 4326),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT admin_area_geom_valid CHECK (geom IS NULL OR ST_IsValid(geom)),
    CONSTRAINT admin_area_geom_envelope CHECK (gm_in_china(geom)),
    CONSTRAINT admin_area_code_level CHECK (
        (level IN ('CITY', 'COUNTY') AND length(code) = 6) OR
        (level = 'STREET' AND length(code) = 9) OR
        (level = 'COMMUNITY' AND length(code) = 12))
);
CREATE INDEX admin_area_parent_idx ON admin_area (parent_code);
CREATE INDEX admin_area_geom_idx ON admin_area USING gist (geom);

-- 网格: versioned. The current version of a grid code has valid_to IS NULL; older versions keep their
-- boundary so "which grid was this point in on a date" has an answer.
CREATE TABLE grid (
    id             bigserial PRIMARY KEY,
    grid_code      text NOT NULL CHECK (grid_code ~ '^[0-9]{15}$'),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    community_code text NOT NULL REFERENCES admin_area (code),
    rural          boolean NOT NULL DEFAULT false,
    geom           geometry(MultiPolygon, 4326) NOT NULL,
    version        integer NOT NULL DEFAULT 1,
    valid_from     timestamptz NOT NULL DEFAULT now(),
    valid_to       timestamptz,
    CONSTRAINT grid_in_community CHECK (left(grid_code, 12) = community_code),
    CONSTRAINT grid_valid_period CHECK (valid_to IS NULL OR valid_to > valid_from),
    CONSTRAINT grid_geom_valid CHECK (ST_IsValid(geom)),
    CONSTRAINT grid_geom_envelope CHECK (gm_in_china(geom)),
    CONSTRAINT grid_geom_not_empty CHECK (NOT ST_IsEmpty(geom))
);
CREATE UNIQUE INDEX grid_current_code_idx ON grid (grid_code) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX grid_code_version_idx ON grid (grid_code, version);
CREATE INDEX grid_geom_current_idx ON grid USING gist (geom) WHERE valid_to IS NULL;
CREATE INDEX grid_geom_idx ON grid USING gist (geom);
CREATE INDEX grid_community_idx ON grid (community_code) WHERE valid_to IS NULL;

CREATE VIEW grid_current AS SELECT * FROM grid WHERE valid_to IS NULL;

-- 楼栋.
CREATE TABLE building (
    id                bigserial PRIMARY KEY,
    building_id       text NOT NULL UNIQUE CHECK (length(building_id) BETWEEN 1 AND 64),
    name              text,
    address           text,
    floors            integer NOT NULL CHECK (floors BETWEEN 1 AND 200),
    units             integer NOT NULL DEFAULT 0 CHECK (units BETWEEN 0 AND 50),
    structure         text NOT NULL CHECK (structure IN
                          ('SINGLE_STOREY', 'BRICK_CONCRETE', 'FRAME', 'REINFORCED_CONCRETE', 'OTHER')),
    safety_grade      char(1) CHECK (safety_grade IN ('A', 'B', 'C', 'D')),
    basement_dwelling boolean NOT NULL DEFAULT false,
    use               text NOT NULL DEFAULT 'RESIDENTIAL'
                          CHECK (use IN ('RESIDENTIAL', 'PUBLIC', 'COMMERCIAL', 'INDUSTRIAL', 'OTHER')),
    geom              geometry(MultiPolygon, 4326) NOT NULL,
    -- Membership cache, maintained by triggers: the current grid holding the footprint's point on surface.
    grid_code         text,
    community_code    text,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT building_geom_valid CHECK (ST_IsValid(geom)),
    CONSTRAINT building_geom_envelope CHECK (gm_in_china(geom)),
    CONSTRAINT building_geom_not_empty CHECK (NOT ST_IsEmpty(geom))
);
CREATE INDEX building_geom_idx ON building USING gist (geom);
CREATE INDEX building_grid_idx ON building (grid_code);
CREATE INDEX building_community_idx ON building (community_code);

-- 户. Contact fields are personal information (PIPL): masked on every read except an audited reveal.
CREATE TABLE household (
    id            bigserial PRIMARY KEY,
    household_id  text NOT NULL UNIQUE CHECK (length(household_id) BETWEEN 1 AND 64),
    building_id   bigint NOT NULL REFERENCES building (id) ON DELETE RESTRICT,
    unit          integer CHECK (unit BETWEEN 1 AND 50),
    floor         integer NOT NULL CHECK (floor BETWEEN 0 AND 200),
    room          text,
    members       integer NOT NULL CHECK (members BETWEEN 1 AND 50),
    elderly       integer NOT NULL DEFAULT 0 CHECK (elderly >= 0),
    children      integer NOT NULL DEFAULT 0 CHECK (children >= 0),
    sick          integer NOT NULL DEFAULT 0 CHECK (sick >= 0),
    disabled      integer NOT NULL DEFAULT 0 CHECK (disabled >= 0),
    pregnant      integer NOT NULL DEFAULT 0 CHECK (pregnant >= 0),
    living_alone  boolean NOT NULL DEFAULT false,
    oldest_age    integer CHECK (oldest_age BETWEEN 0 AND 130),
    contact_name  text,
    phone         text,
    id_number     text,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT household_vulnerable_le_members CHECK
        (elderly <= members AND children <= members AND sick <= members AND disabled <= members
         AND pregnant <= members),
    CONSTRAINT household_alone_single CHECK (NOT living_alone OR members = 1)
);
CREATE INDEX household_building_idx ON household (building_id);

-- 五长, grid workers (网格员) and 包保 cadres.
CREATE TABLE steward (
    id          bigserial PRIMARY KEY,
    steward_id  text NOT NULL UNIQUE,
    name        text NOT NULL,
    phone       text,
    role        text NOT NULL CHECK (role IN ('STREET_CHIEF', 'ROAD_CHIEF', 'GRID_CHIEF', 'BUILDING_CHIEF',
                                              'UNIT_CHIEF', 'GRID_WORKER', 'CADRE')),
    area_code   text REFERENCES admin_area (code),
    grid_code   text CHECK (grid_code ~ '^[0-9]{15}$'),
    road        text,
    building_id bigint REFERENCES building (id) ON DELETE CASCADE,
    unit        integer,
    CONSTRAINT steward_has_scope CHECK (area_code IS NOT NULL OR grid_code IS NOT NULL OR road IS NOT NULL
                                        OR building_id IS NOT NULL)
);
CREATE INDEX steward_grid_idx ON steward (grid_code);
CREATE INDEX steward_building_idx ON steward (building_id);

CREATE TABLE road (
    id   bigserial PRIMARY KEY,
    name text,
    kind text NOT NULL DEFAULT 'MAIN',
    geom geometry(LineString, 4326) NOT NULL CHECK (gm_in_china(geom))
);
CREATE INDEX road_geom_idx ON road USING gist (geom);

CREATE TABLE water_feature (
    id        bigserial PRIMARY KEY,
    name      text,
    kind      text NOT NULL CHECK (kind IN ('RIVER', 'LAKE')),
    source    text NOT NULL,
    synthetic boolean NOT NULL,
    geom      geometry(Geometry, 4326) NOT NULL
);
CREATE INDEX water_feature_geom_idx ON water_feature USING gist (geom);

-- 洪水情景 and 洪水风险区.
CREATE TABLE flood_scenario (
    id                  bigserial PRIMARY KEY,
    code                text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
    name                text NOT NULL,
    kind                text NOT NULL DEFAULT 'RIVER' CHECK (kind IN ('RIVER', 'WATERLOGGING', 'HISTORICAL')),
    return_period_years integer CHECK (return_period_years > 0),
    description         text
);

CREATE TABLE flood_zone (
    id            bigserial PRIMARY KEY,
    scenario_id   bigint NOT NULL REFERENCES flood_scenario (id) ON DELETE CASCADE,
    depth_m       numeric(6, 2) NOT NULL CHECK (depth_m >= 0 AND depth_m <= 30),
    depth_class   text,
    zone_kind     text CHECK (zone_kind IN ('FLOODWAY', 'DETENTION', 'LOW_LYING', 'BREACH')),
    arrival_hours numeric(6, 1) CHECK (arrival_hours >= 0),
    geom          geometry(MultiPolygon, 4326) NOT NULL,
    CONSTRAINT flood_zone_geom_valid CHECK (ST_IsValid(geom)),
    CONSTRAINT flood_zone_geom_envelope CHECK (gm_in_china(geom))
);
CREATE INDEX flood_zone_geom_idx ON flood_zone USING gist (geom);
CREATE INDEX flood_zone_scenario_idx ON flood_zone (scenario_id);

-- 历次洪水进水深度.
CREATE TABLE recorded_inundation (
    id          bigserial PRIMARY KEY,
    building_id bigint NOT NULL REFERENCES building (id) ON DELETE CASCADE,
    flood_name  text NOT NULL,
    flood_date  date,
    depth_m     numeric(6, 2) NOT NULL CHECK (depth_m >= 0 AND depth_m <= 30),
    UNIQUE (building_id, flood_name)
);

-- 安置点.
CREATE TABLE shelter (
    id          bigserial PRIMARY KEY,
    shelter_id  text NOT NULL UNIQUE,
    name        text NOT NULL,
    kind        text NOT NULL DEFAULT 'OTHER' CHECK (kind IN ('SCHOOL', 'GYM', 'COMMUNITY_CENTRE', 'OTHER')),
    capacity    integer NOT NULL CHECK (capacity >= 0),
    accessible  boolean NOT NULL DEFAULT false,
    open        boolean NOT NULL DEFAULT true,
    address     text,
    geom        geometry(Point, 4326) NOT NULL CHECK (gm_in_china(geom))
);
CREATE INDEX shelter_geom_idx ON shelter USING gist (geom);

-- Users. area_code is the caller's scope: every object whose code starts with it is visible.
CREATE TABLE app_user (
    id            bigserial PRIMARY KEY,
    username      text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.-]{2,64}$'),
    password_hash text NOT NULL,
    display_name  text NOT NULL,
    role          text NOT NULL CHECK (role IN ('ADMIN', 'DISTRICT_OFFICE', 'STREET_STAFF', 'COMMUNITY_STAFF',
                                                'GRID_WORKER', 'HOTLINE')),
    area_code     text NOT NULL DEFAULT '',
    active        boolean NOT NULL DEFAULT true,
    demo          boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Append-only audit log: logins, imports, bulk reads of personal data, reveals, exports, publishes.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,
    role        text,
    action      text NOT NULL,
    object_type text,
    object_id   text,
    area_code   text,
    detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
    remote_addr text
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, at);

CREATE FUNCTION gm_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege'; END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION gm_audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION gm_audit_append_only();

-- Import jobs: progress and results, written outside the import's own transaction so they can be watched.
CREATE TABLE import_job (
    id          uuid PRIMARY KEY,
    kind        text NOT NULL,
    format      text,
    file_name   text,
    status      text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    phase       text,
    progress    numeric(5, 4) NOT NULL DEFAULT 0,
    rows_total  integer,
    rows_done   integer NOT NULL DEFAULT 0,
    counts      jsonb NOT NULL DEFAULT '{}'::jsonb,
    errors      jsonb NOT NULL DEFAULT '[]'::jsonb,
    repairs     jsonb NOT NULL DEFAULT '[]'::jsonb,
    error_count integer NOT NULL DEFAULT 0,
    ignored_columns jsonb NOT NULL DEFAULT '[]'::jsonb,
    message     text,
    problem     jsonb,
    options     jsonb NOT NULL DEFAULT '{}'::jsonb,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);

-- Datasets loaded by the application itself (the Baicheng sample), so a second start loads nothing twice.
CREATE TABLE dataset_load (
    name      text PRIMARY KEY,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    counts    jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- ---------------------------------------------------------------------------------------------------------
-- Grid ↔ building membership cache. A building belongs to the current grid that holds its footprint's
-- point on surface. Kept right by triggers on both sides; set-based for bulk statements.

CREATE FUNCTION gm_building_membership() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    SELECT g.grid_code, g.community_code INTO NEW.grid_code, NEW.community_code
    FROM grid g
    WHERE g.valid_to IS NULL AND ST_Intersects(g.geom, ST_PointOnSurface(NEW.geom))
    ORDER BY g.grid_code
    LIMIT 1;
    IF NOT FOUND THEN
        NEW.grid_code := NULL;
        -- A building in no grid still belongs to the community holding it, so it can be found and scoped.
        SELECT a.code INTO NEW.community_code
        FROM admin_area a
        WHERE a.level = 'COMMUNITY' AND ST_Intersects(a.geom, ST_PointOnSurface(NEW.geom))
        ORDER BY a.code
        LIMIT 1;
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER building_membership BEFORE INSERT OR UPDATE OF geom ON building
    FOR EACH ROW EXECUTE FUNCTION gm_building_membership();

-- When grids change, recompute the buildings under the old and the new boundaries in one statement.
CREATE FUNCTION gm_refresh_membership(area geometry) RETURNS void LANGUAGE sql AS
$$
UPDATE building b
SET grid_code = m.grid_code, community_code = m.community_code, updated_at = now()
FROM (
    SELECT b2.id,
           g.grid_code,
           coalesce(g.community_code, (SELECT a.code FROM admin_area a
                                       WHERE a.level = 'COMMUNITY'
                                         AND ST_Intersects(a.geom, ST_PointOnSurface(b2.geom))
                                       ORDER BY a.code LIMIT 1)) AS community_code
    FROM building b2
    LEFT JOIN LATERAL (
        SELECT g.grid_code, g.community_code FROM grid g
        WHERE g.valid_to IS NULL AND ST_Intersects(g.geom, ST_PointOnSurface(b2.geom))
        ORDER BY g.grid_code LIMIT 1) g ON true
    WHERE b2.geom && area
) m
WHERE b.id = m.id AND (b.grid_code IS DISTINCT FROM m.grid_code
                       OR b.community_code IS DISTINCT FROM m.community_code);
$$;

CREATE FUNCTION gm_grid_membership_changed() RETURNS trigger LANGUAGE plpgsql AS
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
CREATE TRIGGER grid_membership_ins AFTER INSERT ON grid REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_grid_membership_changed();
CREATE TRIGGER grid_membership_upd AFTER UPDATE ON grid REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_grid_membership_changed();
CREATE TRIGGER grid_membership_del AFTER DELETE ON grid REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_grid_membership_changed();

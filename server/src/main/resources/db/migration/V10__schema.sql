-- gridmap's tables, indexes and reference data: the whole schema in one versioned file. Functions, triggers and
-- views are not here: each has one definition in a repeatable R__<feature>.sql file, which Flyway (re)applies after
-- the versioned files whenever it changes (docs/architecture.md, "Migrations").
--
-- Two kinds of database arrive here. A new one gets everything below. One built by the migrations of November 2026
-- (V1–V9, since folded into this file; their history rows stay and are ignored as "missing") already has the tables
-- of part 1, exactly as written there, so part 1 skips them (IF NOT EXISTS); part 2, the changes made since, runs on
-- both alike. A test builds one database each way and compares pg_dump --schema-only of the two.
--
-- Storage CRS is EPSG:4326 everywhere; metric work uses geography or the deployment's metric CRS (setting
-- metric_srid). Codes follow GB/T 2260 and the NBS 统计用区划代码 (6/9/12 digits; a grid adds 3).

CREATE EXTENSION IF NOT EXISTS postgis;

-- Constraint functions: CHECK constraints call them, so they live with the tables.

-- The widest envelope any gridmap deployment serves (mainland China and islands); the deployment's own envelope is
-- checked by the application on the way in, this is the last defence.
CREATE OR REPLACE FUNCTION gm_in_china(g geometry) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT g IS NULL OR (ST_XMin(g) >= 73 AND ST_XMax(g) <= 136 AND ST_YMin(g) >= 3 AND ST_YMax(g) <= 54) $$;

-- ================================================================================================================
-- Part 1. The tables as V1–V9 left them. Columns that those files added later with ALTER TABLE are at the end of
-- their table, where an upgraded database has them.
-- ================================================================================================================

-- 行政区划: city, county (district), street (街道/乡镇), community (社区/村).
CREATE TABLE IF NOT EXISTS admin_area (
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
CREATE INDEX IF NOT EXISTS admin_area_parent_idx ON admin_area (parent_code);
CREATE INDEX IF NOT EXISTS admin_area_geom_idx ON admin_area USING gist (geom);

-- 网格: versioned. The current version of a grid code has valid_to IS NULL; older versions keep their boundary so
-- "which grid was this point in on a date" has an answer.
CREATE TABLE IF NOT EXISTS grid (
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
CREATE UNIQUE INDEX IF NOT EXISTS grid_current_code_idx ON grid (grid_code) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS grid_code_version_idx ON grid (grid_code, version);
CREATE INDEX IF NOT EXISTS grid_geom_current_idx ON grid USING gist (geom) WHERE valid_to IS NULL;
CREATE INDEX IF NOT EXISTS grid_geom_idx ON grid USING gist (geom);
CREATE INDEX IF NOT EXISTS grid_community_idx ON grid (community_code) WHERE valid_to IS NULL;

-- 楼栋. grid_code, community_code and grid_split are a membership cache, households, people and vulnerable_people
-- totals of its households: all kept by triggers (R__foundation.sql, R__risk.sql).
CREATE TABLE IF NOT EXISTS building (
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
    grid_code         text,
    community_code    text,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    grid_split        boolean NOT NULL DEFAULT false,
    households        integer NOT NULL DEFAULT 0,
    people            integer NOT NULL DEFAULT 0,
    vulnerable_people integer NOT NULL DEFAULT 0,
    CONSTRAINT building_geom_valid CHECK (ST_IsValid(geom)),
    CONSTRAINT building_geom_envelope CHECK (gm_in_china(geom)),
    CONSTRAINT building_geom_not_empty CHECK (NOT ST_IsEmpty(geom))
);
CREATE INDEX IF NOT EXISTS building_geom_idx ON building USING gist (geom);
CREATE INDEX IF NOT EXISTS building_grid_idx ON building (grid_code);
CREATE INDEX IF NOT EXISTS building_community_idx ON building (community_code);
CREATE INDEX IF NOT EXISTS building_split_idx ON building (grid_code) WHERE grid_split;
CREATE INDEX IF NOT EXISTS building_no_grid_idx ON building (community_code) WHERE grid_code IS NULL;
CREATE INDEX IF NOT EXISTS building_scope_idx ON building ((coalesce(grid_code, community_code)));

-- 户. Contact fields are personal information (PIPL): masked on every read except an audited reveal.
CREATE TABLE IF NOT EXISTS household (
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
CREATE INDEX IF NOT EXISTS household_building_idx ON household (building_id);

-- 五长, grid workers (网格员) and 包保 cadres.
CREATE TABLE IF NOT EXISTS steward (
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
CREATE INDEX IF NOT EXISTS steward_grid_idx ON steward (grid_code);
CREATE INDEX IF NOT EXISTS steward_building_idx ON steward (building_id);

CREATE TABLE IF NOT EXISTS road (
    id   bigserial PRIMARY KEY,
    name text,
    kind text NOT NULL DEFAULT 'MAIN',
    geom geometry(LineString, 4326) NOT NULL CHECK (gm_in_china(geom))
);
CREATE INDEX IF NOT EXISTS road_geom_idx ON road USING gist (geom);

CREATE TABLE IF NOT EXISTS water_feature (
    id        bigserial PRIMARY KEY,
    name      text,
    kind      text NOT NULL CHECK (kind IN ('RIVER', 'LAKE')),
    source    text NOT NULL,
    synthetic boolean NOT NULL,
    geom      geometry(Geometry, 4326) NOT NULL
);
CREATE INDEX IF NOT EXISTS water_feature_geom_idx ON water_feature USING gist (geom);

-- 洪水情景 and 洪水风险区. flood_zone_part holds each zone subdivided (and in the metric CRS), kept by a trigger.
CREATE TABLE IF NOT EXISTS flood_scenario (
    id                  bigserial PRIMARY KEY,
    code                text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
    name                text NOT NULL,
    kind                text NOT NULL DEFAULT 'RIVER' CHECK (kind IN ('RIVER', 'WATERLOGGING', 'HISTORICAL')),
    return_period_years integer CHECK (return_period_years > 0),
    description         text
);

CREATE TABLE IF NOT EXISTS flood_zone (
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
CREATE INDEX IF NOT EXISTS flood_zone_geom_idx ON flood_zone USING gist (geom);
CREATE INDEX IF NOT EXISTS flood_zone_scenario_idx ON flood_zone (scenario_id);

CREATE TABLE IF NOT EXISTS flood_zone_part (
    id          bigserial PRIMARY KEY,
    zone_id     bigint NOT NULL REFERENCES flood_zone (id) ON DELETE CASCADE,
    scenario_id bigint NOT NULL,
    depth_m     numeric(6, 2) NOT NULL,
    zone_kind   text,
    geom        geometry(Polygon, 4326) NOT NULL,
    gm          geometry NOT NULL   -- the same piece in the metric CRS
);
CREATE INDEX IF NOT EXISTS flood_zone_part_geom_idx ON flood_zone_part USING gist (geom);
CREATE INDEX IF NOT EXISTS flood_zone_part_scenario_idx ON flood_zone_part (scenario_id);

-- 历次洪水进水深度.
CREATE TABLE IF NOT EXISTS recorded_inundation (
    id          bigserial PRIMARY KEY,
    building_id bigint NOT NULL REFERENCES building (id) ON DELETE CASCADE,
    flood_name  text NOT NULL,
    flood_date  date,
    depth_m     numeric(6, 2) NOT NULL CHECK (depth_m >= 0 AND depth_m <= 30),
    UNIQUE (building_id, flood_name)
);

-- 安置点.
CREATE TABLE IF NOT EXISTS shelter (
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
CREATE INDEX IF NOT EXISTS shelter_geom_idx ON shelter USING gist (geom);

-- Users. area_code is the caller's scope: every object whose code starts with it is visible.
CREATE TABLE IF NOT EXISTS app_user (
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

-- Append-only audit log (a trigger refuses UPDATE, DELETE and TRUNCATE): logins, imports, bulk reads of personal
-- data, reveals, exports, publishes.
CREATE TABLE IF NOT EXISTS audit_log (
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
CREATE INDEX IF NOT EXISTS audit_log_at_idx ON audit_log (at);
CREATE INDEX IF NOT EXISTS audit_log_actor_idx ON audit_log (actor, at);

-- Import jobs: progress and results, written outside the import's own transaction so they can be watched.
-- instance_key: the server process running it (a job whose instance is gone died with it).
CREATE TABLE IF NOT EXISTS import_job (
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
    finished_at timestamptz,
    instance_key integer
);

-- Datasets loaded by the application itself (the sample), so a second start loads nothing twice.
CREATE TABLE IF NOT EXISTS dataset_load (
    name      text PRIMARY KEY,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    counts    jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- 四色 (DESIGN §4). The rule set: every number of the rule, versioned; the newest version is the active one.
CREATE TABLE IF NOT EXISTS risk_rule_set (
    version                serial PRIMARY KEY,
    storey_height_m        numeric(5, 2) NOT NULL CHECK (storey_height_m > 0 AND storey_height_m <= 10),
    basement_depth_m       numeric(5, 2) NOT NULL CHECK (basement_depth_m >= 0 AND basement_depth_m <= 10),
    red_depth_m            numeric(5, 2) NOT NULL CHECK (red_depth_m > 0 AND red_depth_m <= 10),
    red_vulnerable_depth_m numeric(5, 2) NOT NULL CHECK (red_vulnerable_depth_m >= 0),
    orange_depth_m         numeric(5, 2) NOT NULL CHECK (orange_depth_m >= 0),
    weak_grades            text[] NOT NULL CHECK (weak_grades <@ ARRAY['A', 'B', 'C', 'D']),
    deep_zone_kinds        text[] NOT NULL CHECK (deep_zone_kinds <@ ARRAY['FLOODWAY', 'DETENTION', 'LOW_LYING', 'BREACH']),
    near_zone_m            numeric(6, 1) NOT NULL CHECK (near_zone_m >= 0 AND near_zone_m <= 200),
    must_move_iv           text[] NOT NULL,
    must_move_iii          text[] NOT NULL,
    must_move_ii           text[] NOT NULL,
    must_move_i            text[] NOT NULL,
    note                   text,
    created_by             text NOT NULL DEFAULT 'system',
    created_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT risk_rule_set_order CHECK (orange_depth_m < red_depth_m AND red_vulnerable_depth_m <= red_depth_m),
    CONSTRAINT risk_rule_set_colours CHECK (
        must_move_iv <@ ARRAY['RED', 'ORANGE', 'YELLOW', 'GREEN'] AND must_move_iii <@ ARRAY['RED', 'ORANGE', 'YELLOW', 'GREEN']
        AND must_move_ii <@ ARRAY['RED', 'ORANGE', 'YELLOW', 'GREEN'] AND must_move_i <@ ARRAY['RED', 'ORANGE', 'YELLOW', 'GREEN'])
);

CREATE TABLE IF NOT EXISTS risk_run (
    id               bigserial PRIMARY KEY,
    scenario_id      bigint NOT NULL REFERENCES flood_scenario (id) ON DELETE CASCADE,
    rule_set_version integer NOT NULL REFERENCES risk_rule_set (version),
    status           text NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    phase            text,
    progress         numeric(5, 4) NOT NULL DEFAULT 0,
    counts           jsonb NOT NULL DEFAULT '{}'::jsonb,
    message          text,
    created_by       text NOT NULL,
    started_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    instance_key     integer
);

-- Which run's results a scenario shows. Replaced in the same transaction that writes a run's results.
CREATE TABLE IF NOT EXISTS risk_current (
    scenario_id      bigint PRIMARY KEY REFERENCES flood_scenario (id) ON DELETE CASCADE,
    run_id           bigint NOT NULL REFERENCES risk_run (id),
    rule_set_version integer NOT NULL REFERENCES risk_rule_set (version)
);

-- Per building of a run: the inputs of the rule, and the worst rule of its households.
CREATE TABLE IF NOT EXISTS risk_building (
    run_id           bigint NOT NULL REFERENCES risk_run (id) ON DELETE CASCADE,
    building_id      bigint NOT NULL REFERENCES building (id) ON DELETE CASCADE,
    model_depth_m    numeric(6, 2),
    recorded_depth_m numeric(6, 2),
    recorded_flood   text,
    zone_kinds       text[] NOT NULL DEFAULT '{}',
    near_m           real,
    worst_rule       smallint NOT NULL DEFAULT 10,
    PRIMARY KEY (run_id, building_id)
);

-- Per grid (or, for a building in no grid, per community): households, people and vulnerable people per colour.
CREATE TABLE IF NOT EXISTS risk_area (
    run_id     bigint NOT NULL REFERENCES risk_run (id) ON DELETE CASCADE,
    code       text NOT NULL,
    hh         integer[] NOT NULL,   -- {red, orange, yellow, green}
    people     integer[] NOT NULL,
    vulnerable integer[] NOT NULL,
    worst_rule smallint NOT NULL,
    PRIMARY KEY (run_id, code)
);

-- Totals per grid (or, for buildings in no grid, per community), kept by statement triggers on building.
CREATE TABLE IF NOT EXISTS area_stats (
    code              text PRIMARY KEY,
    buildings         integer NOT NULL DEFAULT 0,
    households        integer NOT NULL DEFAULT 0,
    people            integer NOT NULL DEFAULT 0,
    vulnerable_people integer NOT NULL DEFAULT 0
);

-- Coverage findings as a map layer: computed by the JTS engine (org.gridmap.coverage), kept as a snapshot tagged
-- with the data version it was computed from.
CREATE TABLE IF NOT EXISTS coverage_finding (
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
CREATE INDEX IF NOT EXISTS coverage_finding_geom ON coverage_finding USING gist (geom);
CREATE INDEX IF NOT EXISTS coverage_finding_grid ON coverage_finding (grid_code);
CREATE INDEX IF NOT EXISTS coverage_finding_other_grid ON coverage_finding (other_grid_code);

CREATE TABLE IF NOT EXISTS coverage_snapshot (
    id           boolean PRIMARY KEY DEFAULT true CHECK (id),
    data_version bigint NOT NULL,
    computed_at  timestamptz NOT NULL DEFAULT now()
);

-- 工单 (DESIGN §5): the category catalogue with departments and deadlines per level (限时办结).
CREATE TABLE IF NOT EXISTS ticket_category (
    code          text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    name_en       text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
    description   text NOT NULL DEFAULT '',
    department    text NOT NULL CHECK (length(department) BETWEEN 1 AND 60),
    community_h   integer NOT NULL CHECK (community_h BETWEEN 1 AND 2160),
    street_h      integer NOT NULL CHECK (street_h BETWEEN 1 AND 2160),
    district_h    integer NOT NULL CHECK (district_h BETWEEN 1 AND 2160),
    department_h  integer NOT NULL CHECK (department_h BETWEEN 1 AND 2160),
    active        boolean NOT NULL DEFAULT true,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE IF NOT EXISTS ticket_number_seq;

CREATE TABLE IF NOT EXISTS ticket (
    id              bigserial PRIMARY KEY,
    number          text NOT NULL UNIQUE,
    source          text NOT NULL CHECK (source IN ('HOTLINE_3650000', 'HOTLINE_12345', 'PATROL', 'RESIDENT', 'WEB',
                                                     'OPEN311')),
    category_code   text NOT NULL REFERENCES ticket_category (code),
    description     text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
    address         text CHECK (length(address) <= 300),
    geom            geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom) AND ST_X(geom) BETWEEN 73 AND 136
                                                           AND ST_Y(geom) BETWEEN 3 AND 54),
    reporter_name   text CHECK (length(reporter_name) <= 60),
    reporter_phone  text CHECK (length(reporter_phone) <= 30),
    photos          text[] NOT NULL DEFAULT '{}',
    -- routing: the current grid version containing the point, or the nearest one (routing = 'NEAREST')
    grid_code       text NOT NULL CHECK (grid_code ~ '^[0-9]{15}$'),
    community_code  text NOT NULL,
    street_code     text NOT NULL,
    district_code   text NOT NULL,
    routing         text NOT NULL CHECK (routing IN ('INSIDE', 'NEAREST')),
    boundary_m      double precision NOT NULL,      -- distance to the grid's edge (inside) or to the grid (nearest)
    needs_confirmation boolean NOT NULL,            -- near a boundary or outside every grid: staff confirm the grid
    level           text NOT NULL DEFAULT 'COMMUNITY' CHECK (level IN ('COMMUNITY', 'STREET', 'DISTRICT', 'DEPARTMENT')),
    department      text NOT NULL,
    assignee        text,
    status          text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED',
                                                                      'VISITED', 'CLOSED', 'RETURNED', 'REOPENED')),
    due_at          timestamptz NOT NULL,
    level_since     timestamptz NOT NULL DEFAULT now(),
    auto_escalations integer NOT NULL DEFAULT 0,
    overdue_noted   boolean NOT NULL DEFAULT false,   -- top level and past due (the sweep notes it once)
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    resolved_at     timestamptz,
    resolved_on_time boolean,
    closed_at       timestamptz,
    rating          smallint CHECK (rating BETWEEN 1 AND 5),
    duplicate_of    bigint REFERENCES ticket (id)
);
CREATE INDEX IF NOT EXISTS ticket_geom ON ticket USING gist (geom);
CREATE INDEX IF NOT EXISTS ticket_grid ON ticket (grid_code, created_at);
CREATE INDEX IF NOT EXISTS ticket_created ON ticket (created_at);

-- The history of a ticket: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE).
CREATE TABLE IF NOT EXISTS ticket_event (
    id          bigserial PRIMARY KEY,
    ticket_id   bigint NOT NULL REFERENCES ticket (id),
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor       text NOT NULL,
    action      text NOT NULL,
    from_status text,
    to_status   text,
    from_level  text,
    to_level    text,
    reason      text,
    data        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS ticket_event_ticket ON ticket_event (ticket_id, id);

-- 街乡吹哨、部门报到: the street calls several departments; each reports and finishes on its own.
CREATE TABLE IF NOT EXISTS ticket_call (
    ticket_id   bigint NOT NULL REFERENCES ticket (id),
    department  text NOT NULL,
    called_at   timestamptz NOT NULL DEFAULT now(),
    called_by   text NOT NULL,
    reported_at timestamptz,
    done_at     timestamptz,
    note        text,
    PRIMARY KEY (ticket_id, department)
);

-- Idempotent creation: one row per (caller, Idempotency-Key), written in the ticket's own transaction.
CREATE TABLE IF NOT EXISTS ticket_idempotency (
    caller       text NOT NULL,
    key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash text NOT NULL,
    ticket_id    bigint NOT NULL REFERENCES ticket (id),
    response     text NOT NULL,                       -- the first response's body, replayed byte for byte
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);

-- Default data of V1–V9: the DESIGN §4 rule set and the ticket category catalogue (both editable through the API).
INSERT INTO risk_rule_set (storey_height_m, basement_depth_m, red_depth_m, red_vulnerable_depth_m, orange_depth_m,
                           weak_grades, deep_zone_kinds, near_zone_m, must_move_iv, must_move_iii, must_move_ii,
                           must_move_i, note)
SELECT 3.0, 2.5, 0.5, 0.15, 0.15, ARRAY['C', 'D'], ARRAY['FLOODWAY', 'DETENTION'], 50, ARRAY[]::text[],
       ARRAY['RED'], ARRAY['RED', 'ORANGE'], ARRAY['RED', 'ORANGE', 'YELLOW'], 'DESIGN §4 defaults'
WHERE NOT EXISTS (SELECT 1 FROM risk_rule_set);

-- Hours follow "小事不出社区、大事不出街道、难事不出县域" with flood matters the fastest; departments are the usual
-- district bureaus.
INSERT INTO ticket_category (code, name, name_en, description, department, community_h, street_h, district_h, department_h) VALUES
('CITY',       '城市管理', 'City management',   '占道经营、违章搭建、路灯井盖、户外广告等', '区城市管理行政执法局', 48, 72, 120, 168),
('SANITATION', '环境卫生', 'Sanitation',        '垃圾清运、卫生死角、公厕、排水不畅等',     '区环境卫生服务中心',   24, 48, 72, 120),
('PROPERTY',   '物业',     'Property management','物业服务、供暖、电梯、二次供水等',         '区住房和城乡建设局',   48, 72, 120, 168),
('DISPUTE',    '矛盾纠纷', 'Disputes',          '邻里、家庭、劳资、物业纠纷调解',           '区司法局',             72, 120, 168, 240),
('SAFETY',     '安全隐患', 'Safety hazards',    '消防通道、燃气、危房、用电等隐患',         '区应急管理局',         12, 24, 48, 72),
('FLOOD',      '防汛',     'Flood',             '积水内涝、堤防险情、转移求助、安置点问题', '区防汛抗旱指挥部办公室', 2, 4, 8, 24)
ON CONFLICT (code) DO NOTHING;

-- ================================================================================================================
-- Part 2. Changes since V9. Runs once on every database, new or upgraded, so both end the same.
-- ================================================================================================================

-- Functions, triggers and views now live in R__<feature>.sql. Drop the ones V1–V9 made, so that none of their
-- bodies survives in an upgraded database (the repeatable files, applied next, create them again).
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind = 'v'
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e') LOOP
        EXECUTE format('DROP VIEW IF EXISTS %I CASCADE', r.relname);
    END LOOP;
    FOR r IN SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND NOT t.tgisinternal LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', r.tgname, r.relname);
    END LOOP;
    FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public' AND p.proname LIKE 'gm\_%'
               AND p.proname NOT IN ('gm_in_china', 'gm_well_formed') LOOP  -- CHECK constraints use these two
        EXECUTE format('DROP FUNCTION IF EXISTS %s', r.sig);
    END LOOP;
END $$;

-- ---------------------------------------------------------------------------------------------- well-formed shapes
-- ST_IsValid lets an empty interior ring through, and such a row then breaks every later computation that reads it
-- (coverage snapshot, tiles, JTS). Imports check this before they write; the constraints make sure no other path
-- can store one either. Rows stored before the constraint lose their degenerate rings first. (A database that ran
-- the first version of this hardening, V10__hardening of 1 December 2026, has these already: see
-- beforeValidate.sql; the statements below accept that.)
CREATE OR REPLACE FUNCTION gm_well_formed(g geometry) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT g IS NULL OR NOT EXISTS (
        SELECT 1 FROM ST_Dump(g) d
        WHERE ST_IsEmpty(d.geom)
           OR (GeometryType(d.geom) = 'POLYGON'
               AND EXISTS (SELECT 1 FROM ST_DumpRings(d.geom) r WHERE ST_NPoints(r.geom) < 4)))
$$;

CREATE FUNCTION pg_temp.drop_degenerate_rings(g geometry) RETURNS geometry LANGUAGE sql IMMUTABLE AS $$
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
DROP FUNCTION IF EXISTS gm_drop_degenerate_rings(geometry);
UPDATE admin_area SET geom = pg_temp.drop_degenerate_rings(geom) WHERE NOT gm_well_formed(geom);
UPDATE grid SET geom = pg_temp.drop_degenerate_rings(geom) WHERE NOT gm_well_formed(geom);
UPDATE building SET geom = pg_temp.drop_degenerate_rings(geom) WHERE NOT gm_well_formed(geom);
UPDATE flood_zone SET geom = pg_temp.drop_degenerate_rings(geom) WHERE NOT gm_well_formed(geom);

ALTER TABLE admin_area DROP CONSTRAINT IF EXISTS admin_area_geom_well_formed,
    ADD CONSTRAINT admin_area_geom_well_formed CHECK (gm_well_formed(geom));
ALTER TABLE grid DROP CONSTRAINT IF EXISTS grid_geom_well_formed,
    ADD CONSTRAINT grid_geom_well_formed CHECK (gm_well_formed(geom));
ALTER TABLE building DROP CONSTRAINT IF EXISTS building_geom_well_formed,
    ADD CONSTRAINT building_geom_well_formed CHECK (gm_well_formed(geom));
ALTER TABLE flood_zone DROP CONSTRAINT IF EXISTS flood_zone_geom_well_formed,
    ADD CONSTRAINT flood_zone_geom_well_formed CHECK (gm_well_formed(geom));

-- ---------------------------------------------------------------------------------------------- login throttling
-- Failed logins counted per user name and per client address within a window; past the limit the key is locked for a
-- while, each further lockout twice as long (up to a ceiling). Rows hold a hash of the user name, never the name.
CREATE TABLE IF NOT EXISTS login_throttle (
    key          text PRIMARY KEY CHECK (length(key) <= 100),
    failures     integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
    window_start timestamptz NOT NULL DEFAULT now(),
    locked_until timestamptz,
    lockouts     integer NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS login_throttle_locked_idx ON login_throttle (locked_until) WHERE locked_until IS NOT NULL;

-- ---------------------------------------------------------------------------------------------- settings
-- Values of the deployment's typed configuration that SQL needs (metric CRS, household band): written by the
-- service at start from its configuration (org.gridmap.support.Settings), read by SQL through gm_setting().
CREATE TABLE setting (
    key        text PRIMARY KEY,
    value      text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO setting (key, value) VALUES ('metric_srid', '4550'), ('urban_min_households', '300'),
    ('urban_max_households', '500'), ('rural_min_households', '0'), ('rural_max_households', '2147483647');

-- ---------------------------------------------------------------------------------------------- vocabulary
-- Each domain word once (docs/glossary.md). The Java enums name the same codes; the service compares them with
-- these tables at start and refuses to run if they differ; GET /api/vocabulary gives them to the web map.

-- 工单状态 and its groups: open (still to be handled; escalates when overdue) and, for Open311, open/closed.
CREATE TABLE ticket_status (
    code text PRIMARY KEY,
    rank smallint NOT NULL UNIQUE,
    open boolean NOT NULL,
    zh   text NOT NULL,
    en   text NOT NULL,
    hex  text NOT NULL CHECK (hex ~ '^#[0-9a-f]{6}$')   -- its colour on the map
);
INSERT INTO ticket_status VALUES
    ('PENDING', 1, true, '待受理', 'Pending', '#e6550d'), ('DISPATCHED', 2, true, '已派遣', 'Dispatched', '#fd8d3c'),
    ('IN_PROGRESS', 3, true, '处理中', 'In progress', '#3182bd'),
    ('RESOLVED', 4, false, '已办结', 'Resolved', '#31a354'), ('VISITED', 5, false, '已回访', 'Followed up', '#31a354'),
    ('CLOSED', 6, false, '已关闭', 'Closed', '#969696'), ('RETURNED', 7, true, '退回', 'Returned', '#756bb1'),
    ('REOPENED', 8, true, '重开', 'Reopened', '#e6550d');

-- Where a ticket is handled, and the ladder an overdue one climbs: 社区 → 街道 → 区级平台 → 部门.
CREATE TABLE ticket_level (
    code text PRIMARY KEY,
    rank smallint NOT NULL UNIQUE,
    next text REFERENCES ticket_level (code),
    zh   text NOT NULL,
    en   text NOT NULL
);
INSERT INTO ticket_level VALUES ('DEPARTMENT', 4, NULL, '部门', 'Department');
INSERT INTO ticket_level VALUES ('DISTRICT', 3, 'DEPARTMENT', '区级平台', 'District platform');
INSERT INTO ticket_level VALUES ('STREET', 2, 'DISTRICT', '街道', 'Street');
INSERT INTO ticket_level VALUES ('COMMUNITY', 1, 'STREET', '社区', 'Community');

-- 四色, most urgent first, and the rules of gm_risk_rule each one comes from.
CREATE TABLE risk_color (
    code      text PRIMARY KEY,
    rank      smallint NOT NULL UNIQUE,
    last_rule smallint NOT NULL UNIQUE,   -- rules (first_rule of the next colour up to this) give this colour
    zh        text NOT NULL,
    en        text NOT NULL,
    hex       text NOT NULL CHECK (hex ~ '^#[0-9a-f]{6}$')
);
INSERT INTO risk_color VALUES ('RED', 1, 5, '红色', 'Red', '#d73027'), ('ORANGE', 2, 7, '橙色', 'Orange', '#fc8d59'),
    ('YELLOW', 3, 9, '黄色', 'Yellow', '#fee08b'), ('GREEN', 4, 10, '绿色', 'Green', '#1a9850');

-- 预警级别 IV 蓝 … I 红: which colours must move at each is part of the rule set (must_move_iv … must_move_i).
CREATE TABLE warning_level (
    code text PRIMARY KEY,
    rank smallint NOT NULL UNIQUE,
    zh   text NOT NULL,
    en   text NOT NULL
);
INSERT INTO warning_level VALUES ('IV', 4, 'Ⅳ级（蓝）', 'IV (blue)'), ('III', 3, 'Ⅲ级（黄）', 'III (yellow)'),
    ('II', 2, 'Ⅱ级（橙）', 'II (orange)'), ('I', 1, 'Ⅰ级（红）', 'I (red)');

-- 脆弱人员: the kinds of vulnerable member a household counts (DESIGN §2); gm_vulnerable_people is the one count.
CREATE TABLE vulnerable_kind (
    code   text PRIMARY KEY,
    rank   smallint NOT NULL UNIQUE,
    column_name text NOT NULL,     -- the household column that counts them
    zh     text NOT NULL,
    en     text NOT NULL
);
INSERT INTO vulnerable_kind VALUES ('ELDERLY', 1, 'elderly', '老人（70岁及以上）', 'Elderly (70 or over)'),
    ('CHILD', 2, 'children', '幼儿（6岁以下）', 'Children (under 6)'), ('SICK', 3, 'sick', '病患/卧床', 'Sick or bed-ridden'),
    ('DISABLED', 4, 'disabled', '残疾', 'Disabled'), ('PREGNANT', 5, 'pregnant', '孕妇', 'Pregnant'),
    ('ALONE', 6, 'living_alone', '独居老人', 'Elderly living alone');

-- Tickets refer to the vocabulary instead of repeating it, and carry whether their status is open (kept by a trigger
-- from ticket_status), so the escalation sweep finds open overdue tickets by index.
ALTER TABLE ticket DROP CONSTRAINT ticket_status_check, DROP CONSTRAINT ticket_level_check,
    ADD CONSTRAINT ticket_status_fkey FOREIGN KEY (status) REFERENCES ticket_status (code),
    ADD CONSTRAINT ticket_level_fkey FOREIGN KEY (level) REFERENCES ticket_level (code),
    ADD COLUMN open boolean NOT NULL DEFAULT true;
UPDATE ticket t SET open = s.open FROM ticket_status s WHERE s.code = t.status AND t.open <> s.open;
DROP INDEX IF EXISTS ticket_open_due;
CREATE INDEX ticket_open_due ON ticket (due_at) WHERE open;

-- The rule set's colours come from the vocabulary too.
CREATE FUNCTION gm_are_colors(colors text[]) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT colors <@ ARRAY(SELECT code FROM risk_color) $$;
ALTER TABLE risk_rule_set DROP CONSTRAINT risk_rule_set_colours, ADD CONSTRAINT risk_rule_set_colours CHECK (
    gm_are_colors(must_move_iv) AND gm_are_colors(must_move_iii) AND gm_are_colors(must_move_ii)
    AND gm_are_colors(must_move_i));

-- ---------------------------------------------------------------------------------------------- data versions
-- One version per table a map layer reads (was one for everything): bumped in the writing transaction by a
-- statement trigger on that table (R__50_layers.sql), so a reader sees a new version only together with the new
-- data. A layer's version is the sum of its tables' (org.gridmap.layer.Layer#tables), so a ticket write changes
-- the tickets layer's version only. coverage_snapshot keeps the version of the coverage inputs it was computed from.
DROP TABLE IF EXISTS layer_version;
CREATE TABLE data_version (
    table_name text PRIMARY KEY,
    version    bigint NOT NULL DEFAULT 1
);
INSERT INTO data_version (table_name) VALUES ('admin_area'), ('grid'), ('building'), ('household'), ('steward'),
    ('flood_scenario'), ('flood_zone'), ('shelter'), ('water_feature'), ('risk_current'), ('risk_area'),
    ('risk_building'), ('area_stats'), ('ticket'), ('setting');

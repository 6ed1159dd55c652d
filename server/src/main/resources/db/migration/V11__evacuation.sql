-- 转移 (evacuation): shelters with status and occupancy, flood mode per area, transfer plans computed as jobs,
-- one transfer per household with its shelter and cadre, and each transfer's append-only event log.

-- 安置点状态: whether a shelter takes new households is part of the word (accepting).
CREATE TABLE shelter_status (
    code      text PRIMARY KEY,
    rank      smallint NOT NULL UNIQUE,
    accepting boolean NOT NULL,
    zh        text NOT NULL,
    en        text NOT NULL
);
INSERT INTO shelter_status VALUES ('STANDBY', 1, true, '待启用', 'Standby'), ('OPEN', 2, true, '已开放', 'Open'),
    ('FULL', 3, false, '已满', 'Full'), ('CLOSED', 4, false, '已关闭', 'Closed');

-- 转移状态: the steps of one household's transfer. settled: the household is safe (at a shelter, with relatives,
-- or back home); in_shelter: it counts against a shelter's occupancy; field_step: a field update may set it (已到达 is
-- a check-in); final: nothing follows; needs_note: the update says why or where.
CREATE TABLE transfer_status (
    code       text PRIMARY KEY,
    rank       smallint NOT NULL UNIQUE,
    settled    boolean NOT NULL,
    in_shelter boolean NOT NULL,
    field_step boolean NOT NULL,
    final      boolean NOT NULL,
    needs_note boolean NOT NULL,
    zh         text NOT NULL,
    en         text NOT NULL
);
INSERT INTO transfer_status VALUES
    ('PENDING', 1, false, false, false, false, false, '待转移', 'To move'),
    ('NOTIFIED', 2, false, false, true, false, false, '已通知', 'Notified'),
    ('MOVING', 3, false, false, true, false, false, '转移中', 'Moving'),
    ('ARRIVED', 4, true, true, false, false, false, '已到达', 'Arrived'),
    ('WITH_RELATIVES', 5, true, false, true, false, true, '投亲靠友', 'With relatives'),
    ('RETURNED', 6, true, false, true, true, false, '已返回', 'Returned'),
    ('REFUSED', 7, false, false, true, false, true, '拒绝转移', 'Refused'),
    ('UNREACHABLE', 8, false, false, true, false, false, '失联', 'Unreachable');

ALTER TABLE shelter DROP CONSTRAINT IF EXISTS shelter_kind_check;
ALTER TABLE shelter ADD CONSTRAINT shelter_kind_check
    CHECK (kind IN ('SCHOOL', 'GYM', 'COMMUNITY_CENTRE', 'HOTEL', 'OTHER'));
ALTER TABLE shelter ADD COLUMN usable_area_m2 numeric(10, 1) CHECK (usable_area_m2 > 0);
ALTER TABLE shelter ADD COLUMN medical boolean NOT NULL DEFAULT false;
ALTER TABLE shelter ADD COLUMN status text NOT NULL DEFAULT 'STANDBY' REFERENCES shelter_status (code);
ALTER TABLE shelter ADD COLUMN status_reason text;
ALTER TABLE shelter ADD COLUMN manager_name text;
ALTER TABLE shelter ADD COLUMN manager_phone text;
ALTER TABLE shelter ADD COLUMN occupancy integer NOT NULL DEFAULT 0 CHECK (occupancy >= 0);
ALTER TABLE shelter ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
UPDATE shelter SET status = CASE WHEN open THEN 'STANDBY' ELSE 'CLOSED' END;
ALTER TABLE shelter DROP COLUMN open CASCADE;
-- Never more people in a shelter than it holds: check-ins update occupancy conditionally, and this is the last word.
ALTER TABLE shelter ADD CONSTRAINT shelter_occupancy_le_capacity CHECK (occupancy <= capacity);

-- 一键转换: an area (district or street) in flood mode for a scenario and warning level. Raising the level keeps the
-- same evacuation and adds the households the higher level must move.
CREATE TABLE evacuation (
    id            bigserial PRIMARY KEY,
    area_code     text NOT NULL REFERENCES admin_area (code),
    scenario_id   bigint NOT NULL REFERENCES flood_scenario (id),
    warning_level text NOT NULL REFERENCES warning_level (code),
    active        boolean NOT NULL DEFAULT true,
    started_by    text NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    ended_by      text,
    ended_at      timestamptz
);
-- One active evacuation per area.
CREATE UNIQUE INDEX evacuation_active_area ON evacuation (area_code) WHERE active;

-- A plan computation (allocation of shelters and cadres) as a job with progress. A killed or failed job leaves
-- the transfers as they were: they are written in the job's last transaction.
CREATE TABLE transfer_plan (
    id            bigserial PRIMARY KEY,
    evacuation_id bigint NOT NULL REFERENCES evacuation (id),
    kind          text NOT NULL CHECK (kind IN ('PLAN', 'EXTEND', 'REPLACE')),
    warning_level text NOT NULL REFERENCES warning_level (code),
    status        text NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    phase         text,
    progress      double precision NOT NULL DEFAULT 0,
    counts        jsonb NOT NULL DEFAULT '{}',
    message       text,
    created_by    text NOT NULL,
    instance_key  integer,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);
CREATE INDEX transfer_plan_evacuation_idx ON transfer_plan (evacuation_id, id DESC);

-- 包户干部 assignments and shelter places: one transfer per household and evacuation.
CREATE TABLE transfer (
    id              bigserial PRIMARY KEY,
    evacuation_id   bigint NOT NULL REFERENCES evacuation (id),
    household_id    bigint NOT NULL REFERENCES household (id) ON DELETE RESTRICT,
    plan_id         bigint NOT NULL REFERENCES transfer_plan (id),
    color           text NOT NULL REFERENCES risk_color (code),
    members         integer NOT NULL CHECK (members >= 1),
    accessible_need boolean NOT NULL,
    shelter_id      bigint REFERENCES shelter (id),
    distance_m      integer,
    unplaced_reason text CHECK (unplaced_reason IN ('NO_CAPACITY', 'NO_ACCESSIBLE_SHELTER', 'NO_SHELTER')),
    cadre_id        bigint REFERENCES steward (id) ON DELETE SET NULL,
    code            text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{10}$'),
    status          text NOT NULL DEFAULT 'PENDING' REFERENCES transfer_status (code),
    arrived_shelter_id bigint REFERENCES shelter (id),
    event_seq       integer NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (evacuation_id, household_id),
    CONSTRAINT transfer_placed_or_reason CHECK ((shelter_id IS NULL) = (unplaced_reason IS NOT NULL))
);
CREATE INDEX transfer_shelter_idx ON transfer (shelter_id);
CREATE INDEX transfer_household_idx ON transfer (household_id);

-- The append-only log of a transfer. client_key makes a retried phone request land once.
CREATE TABLE transfer_event (
    id          bigserial PRIMARY KEY,
    transfer_id bigint NOT NULL REFERENCES transfer (id),
    seq         integer NOT NULL,
    status      text NOT NULL REFERENCES transfer_status (code),
    shelter_id  bigint REFERENCES shelter (id),
    note        text CHECK (length(note) <= 500),
    actor       text NOT NULL,
    client_key  text CHECK (length(client_key) BETWEEN 8 AND 100),
    at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (transfer_id, seq),
    UNIQUE (transfer_id, client_key)
);

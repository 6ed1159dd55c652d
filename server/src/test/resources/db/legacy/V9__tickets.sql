-- Tickets (工单, DESIGN §5): a category catalogue with departments and deadlines per level, tickets routed to the
-- grid that contains their point, an append-only event history, 吹哨报到 calls to departments, and idempotency
-- records for creation.

CREATE TABLE ticket_category (
    code          text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    name_en       text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
    description   text NOT NULL DEFAULT '',
    department    text NOT NULL CHECK (length(department) BETWEEN 1 AND 60),
    -- 限时办结: hours allowed at each level before the ticket climbs by itself
    community_h   integer NOT NULL CHECK (community_h BETWEEN 1 AND 2160),
    street_h      integer NOT NULL CHECK (street_h BETWEEN 1 AND 2160),
    district_h    integer NOT NULL CHECK (district_h BETWEEN 1 AND 2160),
    department_h  integer NOT NULL CHECK (department_h BETWEEN 1 AND 2160),
    active        boolean NOT NULL DEFAULT true,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- The default catalogue (editable through PUT /api/tickets/categories/{code}). Departments are Baicheng's usual
-- bureau names; hours follow "小事不出社区、大事不出街道、难事不出县域" with flood matters the fastest.
INSERT INTO ticket_category (code, name, name_en, description, department, community_h, street_h, district_h, department_h) VALUES
('CITY',       '城市管理', 'City management',   '占道经营、违章搭建、路灯井盖、户外广告等', '区城市管理行政执法局', 48, 72, 120, 168),
('SANITATION', '环境卫生', 'Sanitation',        '垃圾清运、卫生死角、公厕、排水不畅等',     '区环境卫生服务中心',   24, 48, 72, 120),
('PROPERTY',   '物业',     'Property management','物业服务、供暖、电梯、二次供水等',         '区住房和城乡建设局',   48, 72, 120, 168),
('DISPUTE',    '矛盾纠纷', 'Disputes',          '邻里、家庭、劳资、物业纠纷调解',           '区司法局',             72, 120, 168, 240),
('SAFETY',     '安全隐患', 'Safety hazards',    '消防通道、燃气、危房、用电等隐患',         '区应急管理局',         12, 24, 48, 72),
('FLOOD',      '防汛',     'Flood',             '积水内涝、堤防险情、转移求助、安置点问题', '区防汛抗旱指挥部办公室', 2, 4, 8, 24);

CREATE SEQUENCE ticket_number_seq;

CREATE TABLE ticket (
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
CREATE INDEX ticket_geom ON ticket USING gist (geom);
CREATE INDEX ticket_grid ON ticket (grid_code, created_at);
CREATE INDEX ticket_created ON ticket (created_at);
CREATE INDEX ticket_open_due ON ticket (due_at) WHERE status IN ('PENDING', 'DISPATCHED', 'IN_PROGRESS', 'RETURNED', 'REOPENED');

CREATE TABLE ticket_event (
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
CREATE INDEX ticket_event_ticket ON ticket_event (ticket_id, id);
CREATE FUNCTION gm_ticket_event_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'ticket_event is append-only' USING ERRCODE = 'insufficient_privilege'; END $$;
CREATE TRIGGER ticket_event_no_update BEFORE UPDATE OR DELETE ON ticket_event
    FOR EACH ROW EXECUTE FUNCTION gm_ticket_event_append_only();
CREATE TRIGGER ticket_event_no_truncate BEFORE TRUNCATE ON ticket_event
    FOR EACH STATEMENT EXECUTE FUNCTION gm_ticket_event_append_only();

-- 街乡吹哨、部门报到: the street calls several departments; each reports and finishes on its own.
CREATE TABLE ticket_call (
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
CREATE TABLE ticket_idempotency (
    caller       text NOT NULL,
    key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash text NOT NULL,
    ticket_id    bigint NOT NULL REFERENCES ticket (id),
    response     text NOT NULL,                       -- the first response's body, replayed byte for byte
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);

-- Live feed: every new or changed ticket is announced (after commit) with its id and grid, so each instance's
-- Server-Sent Events stream tells open maps in that area.
CREATE FUNCTION gm_ticket_notify() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN PERFORM pg_notify('gridmap_ticket', NEW.id || ' ' || NEW.grid_code || ' ' || NEW.status); RETURN NULL; END $$;
CREATE TRIGGER ticket_notify AFTER INSERT OR UPDATE ON ticket FOR EACH ROW EXECUTE FUNCTION gm_ticket_notify();

CREATE TRIGGER ticket_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ticket
    FOR EACH STATEMENT EXECUTE FUNCTION gm_bump_layer_version();

-- The tickets layer: points with status and overdue; no description or reporter (scoped to the caller's area).
CREATE VIEW layer_tickets AS
SELECT t.id::text AS id, t.number, t.category_code AS category, t.status, t.level,
       (t.status IN ('PENDING', 'DISPATCHED', 'IN_PROGRESS', 'RETURNED', 'REOPENED') AND t.due_at < now()) AS overdue,
       t.created_at::text AS created_at, t.grid_code AS scope, t.geom
FROM ticket t WHERE t.duplicate_of IS NULL;

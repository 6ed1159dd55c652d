-- 网格调整 (DESIGN §6): drafts of new grid boundaries over a community or a street. A draft is a building
-- assignment (each building → one of the draft's grids); its grid polygons are derived from it, so a draft has no
-- gaps or overlaps by construction. Publishing ends the old grid versions and starts new ones in one transaction.

CREATE TABLE redistrict_draft (
    id             bigserial PRIMARY KEY,
    area_code      text NOT NULL REFERENCES admin_area (code),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    owner          text NOT NULL,
    -- The entity tag: every edit adds one; an edit must name the version it was made on (If-Match).
    version        integer NOT NULL DEFAULT 1,
    status         text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'PUBLISHED', 'STALE', 'DISCARDED')),
    stale_reason   text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    published_at   timestamptz,
    effective_from timestamptz,
    CONSTRAINT redistrict_area_level CHECK (length(area_code) IN (9, 12))
);
CREATE INDEX redistrict_draft_area_idx ON redistrict_draft (area_code) WHERE status = 'OPEN';

-- The grids of a draft, by a key local to the draft (codes are given at publish). source_grid_code: the current
-- grid the draft grid started from (null for a new one).
CREATE TABLE redistrict_grid (
    draft_id         bigint NOT NULL REFERENCES redistrict_draft (id) ON DELETE CASCADE,
    grid_key         integer NOT NULL,
    community_code   text NOT NULL REFERENCES admin_area (code),
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    source_grid_code text CHECK (source_grid_code ~ '^[0-9]{15}$'),
    locked           boolean NOT NULL DEFAULT false,
    deleted          boolean NOT NULL DEFAULT false,
    PRIMARY KEY (draft_id, grid_key)
);

-- Which draft grid each building of the draft's area belongs to (null: not assigned yet).
CREATE TABLE redistrict_assignment (
    draft_id    bigint NOT NULL REFERENCES redistrict_draft (id) ON DELETE CASCADE,
    building_id bigint NOT NULL REFERENCES building (id) ON DELETE CASCADE,
    grid_key    integer,
    PRIMARY KEY (draft_id, building_id)
);
CREATE INDEX redistrict_assignment_grid_idx ON redistrict_assignment (draft_id, grid_key);

-- The edit log of a draft, for undo and redo: each edit lists the changes it made ([building, from key, to key] and
-- grid rows before/after). An undone edit stays in the log until a new edit drops it.
CREATE TABLE redistrict_edit (
    draft_id   bigint NOT NULL REFERENCES redistrict_draft (id) ON DELETE CASCADE,
    seq        integer NOT NULL,
    kind       text NOT NULL,
    changes    jsonb NOT NULL,
    undone     boolean NOT NULL DEFAULT false,
    by_user    text NOT NULL,
    at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (draft_id, seq)
);

-- A grid version's lineage: which grid versions it was made from at a publish (split from, merged into), with the
-- households that came from each.
CREATE TABLE grid_lineage (
    grid_id       bigint NOT NULL REFERENCES grid (id),
    from_grid_id  bigint NOT NULL REFERENCES grid (id),
    draft_id      bigint NOT NULL REFERENCES redistrict_draft (id),
    households    integer NOT NULL DEFAULT 0,
    PRIMARY KEY (grid_id, from_grid_id)
);
CREATE INDEX grid_lineage_from_idx ON grid_lineage (from_grid_id);

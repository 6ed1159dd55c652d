-- 现场登记: people who arrive at a shelter without a transfer (not in the plan, or not in the register at all) are
-- registered on the spot; they count in the shelter's occupancy like checked-in households.
CREATE TABLE IF NOT EXISTS shelter_walk_in (
    id            bigserial PRIMARY KEY,
    shelter_id    bigint NOT NULL REFERENCES shelter (id),
    members       integer NOT NULL CHECK (members BETWEEN 1 AND 50),
    vulnerable    integer NOT NULL DEFAULT 0 CHECK (vulnerable >= 0 AND vulnerable <= members),
    contact_name  text CHECK (length(contact_name) <= 64),
    phone         text CHECK (phone ~ '^[0-9+ -]{0,20}$'),
    came_from     text CHECK (length(came_from) <= 200),
    note          text CHECK (length(note) <= 500),
    client_key    text UNIQUE CHECK (length(client_key) <= 100),
    registered_by text NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS shelter_walk_in_shelter_idx ON shelter_walk_in (shelter_id);

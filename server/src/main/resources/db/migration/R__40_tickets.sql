-- 工单 (DESIGN §5): the append-only history, whether a ticket is open, the hours a category allows at a level, and
-- the live feed. Repeatable; each definition's only place.

CREATE OR REPLACE TRIGGER ticket_event_no_update BEFORE UPDATE OR DELETE ON ticket_event
    FOR EACH ROW EXECUTE FUNCTION gm_append_only();
CREATE OR REPLACE TRIGGER ticket_event_no_truncate BEFORE TRUNCATE ON ticket_event
    FOR EACH STATEMENT EXECUTE FUNCTION gm_append_only();

-- ticket.open follows the status's group in ticket_status (the vocabulary), for the sweep's index and every filter.
CREATE OR REPLACE FUNCTION gm_ticket_open() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN NEW.open := (SELECT s.open FROM ticket_status s WHERE s.code = NEW.status); RETURN NEW; END $$;
CREATE OR REPLACE TRIGGER ticket_open BEFORE INSERT OR UPDATE OF status ON ticket
    FOR EACH ROW EXECUTE FUNCTION gm_ticket_open();

-- 限时办结: the hours a category allows at a level, from the category's column for that level (<level>_h). Compiled
-- from table ticket_level, so the levels are defined there only.
DO $$
DECLARE
    cases text;
BEGIN
    SELECT string_agg(format('WHEN %L THEN c.%I', code, lower(code) || '_h'), ' ' ORDER BY rank) INTO cases
    FROM ticket_level;
    EXECUTE format('CREATE OR REPLACE FUNCTION gm_level_hours(c ticket_category, level text) RETURNS integer '
                   'LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT CASE level %s END $f$', cases);
END $$;

-- Live feed: every new or changed ticket is announced (after commit) with its id and grid, so each instance's
-- Server-Sent Events stream tells open maps in that area.
CREATE OR REPLACE FUNCTION gm_ticket_notify() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN PERFORM pg_notify('gridmap_ticket', NEW.id || ' ' || NEW.grid_code || ' ' || NEW.status); RETURN NULL; END $$;
CREATE OR REPLACE TRIGGER ticket_notify AFTER INSERT OR UPDATE ON ticket FOR EACH ROW EXECUTE FUNCTION gm_ticket_notify();

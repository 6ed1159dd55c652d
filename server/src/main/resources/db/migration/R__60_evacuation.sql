-- 转移: a transfer's event log is append-only; corrections are new events.
CREATE OR REPLACE FUNCTION gm_transfer_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'transfer_event is append-only (% refused)', TG_OP;
END $$;
DROP TRIGGER IF EXISTS transfer_event_append_only ON transfer_event;
CREATE TRIGGER transfer_event_append_only BEFORE UPDATE OR DELETE ON transfer_event
    FOR EACH ROW EXECUTE FUNCTION gm_transfer_event_append_only();

-- Live feed (after commit, every instance): "transfer <id> <scope> <status>" for each event,
-- "plan <id> <area> <status>" when a plan ends, "shelter <shelter_id> <occupancy> <status>" when a shelter changes.
CREATE OR REPLACE FUNCTION gm_transfer_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gridmap_evacuation', 'transfer ' || NEW.transfer_id || ' '
        || coalesce((SELECT coalesce(b.grid_code, b.community_code) FROM transfer t JOIN household h ON h.id = t.household_id
                     JOIN building b ON b.id = h.building_id WHERE t.id = NEW.transfer_id), '-') || ' ' || NEW.status);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS transfer_event_notify ON transfer_event;
CREATE TRIGGER transfer_event_notify AFTER INSERT ON transfer_event
    FOR EACH ROW EXECUTE FUNCTION gm_transfer_event_notify();

CREATE OR REPLACE FUNCTION gm_transfer_plan_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        PERFORM pg_notify('gridmap_evacuation', 'plan ' || NEW.id || ' '
            || (SELECT area_code FROM evacuation WHERE id = NEW.evacuation_id) || ' ' || NEW.status);
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS transfer_plan_notify ON transfer_plan;
CREATE TRIGGER transfer_plan_notify AFTER UPDATE ON transfer_plan
    FOR EACH ROW EXECUTE FUNCTION gm_transfer_plan_notify();

CREATE OR REPLACE FUNCTION gm_shelter_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.occupancy IS DISTINCT FROM OLD.occupancy OR NEW.status IS DISTINCT FROM OLD.status THEN
        PERFORM pg_notify('gridmap_evacuation', 'shelter ' || NEW.shelter_id || ' ' || NEW.occupancy || ' '
            || NEW.status);
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS shelter_notify ON shelter;
CREATE TRIGGER shelter_notify AFTER UPDATE ON shelter FOR EACH ROW EXECUTE FUNCTION gm_shelter_notify();

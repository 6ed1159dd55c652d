-- 转移: a transfer's event log is append-only; corrections are new events.
CREATE OR REPLACE FUNCTION gm_transfer_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'transfer_event is append-only (% refused)', TG_OP;
END $$;
DROP TRIGGER IF EXISTS transfer_event_append_only ON transfer_event;
CREATE TRIGGER transfer_event_append_only BEFORE UPDATE OR DELETE ON transfer_event
    FOR EACH ROW EXECUTE FUNCTION gm_transfer_event_append_only();

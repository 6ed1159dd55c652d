-- household and recorded_inundation both refer to buildings by building_id, and V3 gave each an identical trigger
-- function. One function serves both: re-classify the buildings a statement's rows refer to.
CREATE FUNCTION gm_risk_on_building_ref() RETURNS trigger LANGUAGE plpgsql AS
$$
DECLARE
    ids bigint[];
BEGIN
    IF NOT EXISTS (SELECT 1 FROM risk_current) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT building_id) INTO ids FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT building_id) INTO ids FROM old_rows;
    ELSE
        SELECT array_agg(DISTINCT x) INTO ids FROM (SELECT building_id AS x FROM new_rows UNION SELECT building_id FROM old_rows) u;
    END IF;
    PERFORM gm_risk_refresh(ids, NULL);
    RETURN NULL;
END
$$;

DROP TRIGGER household_risk_ins ON household;
DROP TRIGGER household_risk_upd ON household;
DROP TRIGGER household_risk_del ON household;
DROP TRIGGER inundation_risk_ins ON recorded_inundation;
DROP TRIGGER inundation_risk_upd ON recorded_inundation;
DROP TRIGGER inundation_risk_del ON recorded_inundation;
DROP FUNCTION gm_risk_on_household();
DROP FUNCTION gm_risk_on_inundation();

CREATE TRIGGER household_risk_ins AFTER INSERT ON household REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building_ref();
CREATE TRIGGER household_risk_upd AFTER UPDATE ON household REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building_ref();
CREATE TRIGGER household_risk_del AFTER DELETE ON household REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building_ref();
CREATE TRIGGER inundation_risk_ins AFTER INSERT ON recorded_inundation REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building_ref();
CREATE TRIGGER inundation_risk_upd AFTER UPDATE ON recorded_inundation REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building_ref();
CREATE TRIGGER inundation_risk_del AFTER DELETE ON recorded_inundation REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gm_risk_on_building_ref();

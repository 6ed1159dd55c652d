-- A cadre's load (households of active evacuations) is counted for every cadre of an area at each plan.
CREATE INDEX IF NOT EXISTS transfer_cadre_idx ON transfer (cadre_id);

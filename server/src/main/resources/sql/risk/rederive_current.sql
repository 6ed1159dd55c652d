-- After a rule-set edit: every scenario's current results follow the new version, re-derived at once.
-- 1 version
UPDATE risk_current SET rule_set_version = ?;
SELECT gm_risk_aggregate(run_id, NULL) FROM risk_current;
SELECT count(*) FROM risk_current

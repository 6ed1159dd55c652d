-- Worst rules and per-area counts of a whole run. 1 run id
SELECT gm_risk_aggregate(?, NULL)

-- Fresh statistics after a run: it adds tens of thousands of rows, and the incremental refreshes after it need plans
-- that look up one building, not walk the whole run.
ANALYZE risk_building, risk_area

-- Fresh planner statistics for every table after the sample load
ANALYZE

-- Subscribes the session to evacuation changes (gm_*_notify in R__60_evacuation.sql)
LISTEN gridmap_evacuation

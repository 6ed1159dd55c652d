-- Where a shelter's routes end: its point. 1 shelter ids (bigint[])
SELECT s.id, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat FROM shelter s WHERE s.id = ANY (?::bigint[])

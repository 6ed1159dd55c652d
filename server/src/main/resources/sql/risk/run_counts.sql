-- 1 run id
SELECT coalesce(sum(hh[1]), 0), coalesce(sum(hh[2]), 0), coalesce(sum(hh[3]), 0), coalesce(sum(hh[4]), 0),
       coalesce(sum(people[1]), 0), coalesce(sum(people[2]), 0), coalesce(sum(people[3]), 0), coalesce(sum(people[4]), 0),
       (SELECT count(*) FROM risk_building WHERE run_id = ?)
FROM risk_area WHERE run_id = ?

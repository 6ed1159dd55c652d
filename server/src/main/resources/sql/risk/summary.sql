-- Households, people and vulnerable people per colour below an area, by child area. 1 child code length, 2 run, 3 prefix
SELECT left(a.code, ?) AS child,
       sum(a.hh[1]), sum(a.hh[2]), sum(a.hh[3]), sum(a.hh[4]),
       sum(a.people[1]), sum(a.people[2]), sum(a.people[3]), sum(a.people[4]),
       sum(a.vulnerable[1]), sum(a.vulnerable[2]), sum(a.vulnerable[3]), sum(a.vulnerable[4]),
       min(a.worst_rule)
FROM risk_area a
WHERE a.run_id = ? AND a.code LIKE ?
GROUP BY 1 ORDER BY 1

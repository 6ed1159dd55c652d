-- Buildings and households now in a grid (the membership cache). 1 grid_code, 2 grid_code
SELECT (SELECT count(*) FROM building WHERE grid_code = ?) AS buildings,
       count(h.id) AS households,
       coalesce(sum(h.members), 0) AS people,
       coalesce(sum(h.elderly + h.children + h.sick + h.disabled + h.pregnant), 0) AS vulnerable_people
FROM building b
JOIN household h ON h.building_id = b.id
WHERE b.grid_code = ?

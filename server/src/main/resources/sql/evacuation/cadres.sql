-- The stewards and 包保 cadres who can be responsible for households in an area: a grid's chiefs, workers and
-- cadres, and building chiefs, with how many households of active evacuations they already have.
-- 1 area prefix
WITH load AS (
    SELECT t.cadre_id, count(*) AS n
    FROM transfer t JOIN evacuation e ON e.id = t.evacuation_id
    WHERE e.active AND t.cadre_id IS NOT NULL
    GROUP BY t.cadre_id)
SELECT st.id, st.steward_id, st.name, st.role, st.grid_code, st.building_id, coalesce(l.n, 0) AS load
FROM steward st
LEFT JOIN building b ON b.id = st.building_id
LEFT JOIN load l ON l.cadre_id = st.id
WHERE coalesce(st.grid_code, b.grid_code) LIKE ? || '%'
  AND st.role IN ('GRID_CHIEF', 'GRID_WORKER', 'CADRE', 'BUILDING_CHIEF', 'UNIT_CHIEF')
ORDER BY st.id

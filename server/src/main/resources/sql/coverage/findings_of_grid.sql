-- Findings naming a grid (as the grid or as the other grid of an overlap). 1 grid, 2 grid
SELECT kind, community_code, grid_code, other_grid_code, building_id, area_m2, length_m, households, detail
FROM coverage_finding WHERE grid_code = ? OR other_grid_code = ?
ORDER BY kind, id

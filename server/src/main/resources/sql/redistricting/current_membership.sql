-- The buildings of an area with their current grid (for the codes a publish keeps) and the highest grid number each
-- community has ever used. 1 area prefix
SELECT id, grid_code FROM building WHERE community_code LIKE ?

-- Names of the areas and current grids under a prefix, for exports. 1 prefix, 2 prefix
SELECT code, name FROM admin_area WHERE code LIKE ? || '%'
UNION ALL
SELECT grid_code, name FROM grid WHERE valid_to IS NULL AND grid_code LIKE ? || '%'

-- Road routes between pairs of vertices: per pair the road length (m), the road names in path order, and the line
-- as GeoJSON (edges in path order). 1 edges query, 2 combinations query ("SELECT source, target FROM (VALUES …)")
SELECT p.start_vid AS start, p.end_vid AS target, sum(e.length_m) AS metres,
       array_agg(coalesce(e.name, '') ORDER BY p.path_seq) AS names,
       ST_AsGeoJSON(ST_LineMerge(ST_Collect(e.geom ORDER BY p.path_seq)), 6) AS geojson
FROM pgr_dijkstra(?, ?, false) p
JOIN road_edge e ON e.id = p.edge
GROUP BY p.start_vid, p.end_vid

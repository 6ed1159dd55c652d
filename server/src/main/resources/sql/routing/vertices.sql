-- Every vertex of the network with its position, for the nearest usable vertex of a building or shelter.
SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM road_vertex

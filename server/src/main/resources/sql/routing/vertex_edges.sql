-- Every edge's end vertices, to tell which vertices a route can still use when some edges are flooded.
SELECT id, source, target FROM road_edge

-- Rebuilds the road network from table road when roads changed since the last build; the number of edges.
SELECT gm_road_network_build()

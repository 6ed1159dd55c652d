-- Road network for evacuation routes (DESIGN §2 Transfer). Repeatable.
--
-- gm_road_network_build() derives road_vertex and road_edge from table road: all roads noded together (ST_Node cuts
-- every line where another crosses or touches it), one edge per piece with its length on the spheroid and its road's name, one vertex
-- per distinct end point (to 1e-7°, ~1 cm). It records the road table's data version it was built from, so callers
-- rebuild only when roads changed. Returns the number of edges.
CREATE OR REPLACE FUNCTION gm_road_network_build() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    v bigint;
    n_edges integer;
    n_vertices integer;
BEGIN
    -- One builder at a time; a second caller waits and then finds the network current.
    PERFORM pg_advisory_xact_lock(hashtext('gm_road_network_build'));
    SELECT version INTO v FROM data_version WHERE table_name = 'road';
    IF EXISTS (SELECT 1 FROM road_network WHERE road_version = v) THEN
        RETURN (SELECT edges FROM road_network);
    END IF;
    DELETE FROM road_edge;
    DELETE FROM road_vertex;
    CREATE TEMP TABLE gm_road_piece ON COMMIT DROP AS
        SELECT row_number() OVER () AS id, d.geom,
               ST_AsBinary(ST_SnapToGrid(ST_StartPoint(d.geom), 1e-7)) AS a,
               ST_AsBinary(ST_SnapToGrid(ST_EndPoint(d.geom), 1e-7)) AS b
        FROM (SELECT (ST_Dump(ST_Node(ST_Collect(geom)))).geom FROM road) d
        WHERE GeometryType(d.geom) = 'LINESTRING' AND ST_Length(d.geom) > 0;
    CREATE TEMP TABLE gm_road_point ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY p) AS id, p FROM (SELECT a AS p FROM gm_road_piece
                                                            UNION SELECT b FROM gm_road_piece) x;
    CREATE UNIQUE INDEX ON gm_road_point (p);
    INSERT INTO road_vertex (id, geom) SELECT id, ST_GeomFromWKB(p, 4326) FROM gm_road_point;
    -- Each piece keeps the name of the road it came from (the road nearest its middle).
    INSERT INTO road_edge (id, source, target, length_m, name, geom)
    SELECT r.id, pa.id, pb.id, ST_Length(r.geom::geography),
           (SELECT o.name FROM road o ORDER BY o.geom <-> ST_LineInterpolatePoint(r.geom, 0.5) LIMIT 1), r.geom
    FROM gm_road_piece r JOIN gm_road_point pa ON pa.p = r.a JOIN gm_road_point pb ON pb.p = r.b;
    SELECT count(*) INTO n_edges FROM road_edge;
    SELECT count(*) INTO n_vertices FROM road_vertex;
    INSERT INTO road_network (road_version, vertices, edges) VALUES (v, n_vertices, n_edges)
    ON CONFLICT (only_row) DO UPDATE SET road_version = EXCLUDED.road_version, vertices = EXCLUDED.vertices,
        edges = EXCLUDED.edges, built_at = now();
    ANALYZE road_vertex;
    ANALYZE road_edge;
    RETURN n_edges;
END $$;

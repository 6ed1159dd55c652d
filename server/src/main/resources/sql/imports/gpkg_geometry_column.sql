-- SQLite (GeoPackage): the geometry column registered for a feature table and its srs_id. 1 table
SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?

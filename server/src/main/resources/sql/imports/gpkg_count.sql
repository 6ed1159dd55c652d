-- SQLite (GeoPackage): reads a whole table once, to find out whether it can be read. The marker is replaced by the
-- quoted table name.
SELECT count(*) FROM /*table*/

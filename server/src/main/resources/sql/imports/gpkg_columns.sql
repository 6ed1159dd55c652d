-- SQLite (GeoPackage): the columns of a table. The marker is replaced by the quoted table name.
PRAGMA table_info(/*table*/)

-- SQLite (GeoPackage): whether a name is a table or a view. 1 name
SELECT type FROM sqlite_master WHERE name = ? AND type IN ('table', 'view')

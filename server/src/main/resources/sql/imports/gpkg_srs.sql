-- SQLite (GeoPackage): a spatial reference system as gpkg_spatial_ref_sys defines it. 1 srs_id
SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?

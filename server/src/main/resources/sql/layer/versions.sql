-- Every table's data version, for the in-memory copy (org.gridmap.layer.DataVersions).
SELECT table_name, version FROM data_version

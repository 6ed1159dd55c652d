-- Subscribes the connection to the data versions' notices (R__50_layers.sql: 'table version' after each commit).
LISTEN gridmap_data_version

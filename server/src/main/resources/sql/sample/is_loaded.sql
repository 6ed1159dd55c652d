-- Whether a sample dataset is loaded. 1 dataset name
SELECT 1 FROM dataset_load WHERE name = ?

-- Records a loaded sample dataset and what it held. 1 dataset name, 2 counts (JSON object)
INSERT INTO dataset_load (name, counts) VALUES (?, ?::jsonb)

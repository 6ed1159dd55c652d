-- Marks the snapshot as computed from a data version. 1 version
INSERT INTO coverage_snapshot (id, data_version, computed_at) VALUES (true, ?, now())
ON CONFLICT (id) DO UPDATE SET data_version = excluded.data_version, computed_at = excluded.computed_at

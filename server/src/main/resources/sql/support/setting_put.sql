-- 1 key, 2 value
INSERT INTO setting AS s (key, value) VALUES (?, ?)
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now() WHERE s.value <> EXCLUDED.value

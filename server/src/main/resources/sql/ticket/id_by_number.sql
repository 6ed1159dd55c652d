-- 1 number (e.g. 2026-000123)
SELECT id FROM ticket WHERE number = ?

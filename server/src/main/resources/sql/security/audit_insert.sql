-- 1 actor, 2 role, 3 action, 4 object_type, 5 object_id, 6 area_code, 7 detail (json text), 8 remote_addr
INSERT INTO audit_log (actor, role, action, object_type, object_id, area_code, detail, remote_addr)
VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)

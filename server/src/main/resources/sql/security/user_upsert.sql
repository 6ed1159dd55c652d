-- 1 username, 2 password_hash, 3 display_name, 4 role, 5 area_code, 6 demo
INSERT INTO app_user (username, password_hash, display_name, role, area_code, demo)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (username) DO NOTHING

-- 1 username
SELECT username, password_hash, display_name, role, area_code
FROM app_user
WHERE username = ? AND active

-- Grid workers' logins scoped to an old grid follow it to its successor. 1 area prefix
UPDATE app_user u SET area_code = ps.new_code
FROM publish_successor ps
WHERE u.area_code = ps.old_code AND u.area_code LIKE ?

-- What a cached community's ground depends on: its buildings and its boundary. 1, 2, 3 community code
SELECT (SELECT count(*) FROM building WHERE community_code = ?)::text || '/'
       || coalesce((SELECT max(updated_at) FROM building WHERE community_code = ?)::text, '') || '/'
       || coalesce((SELECT updated_at FROM admin_area WHERE code = ?)::text, '') AS stamp

-- The area a draft may cover: a street (9 digits) or a community (12). 1 code
SELECT code, name, level FROM admin_area WHERE code = ? AND level IN ('STREET', 'COMMUNITY')

SELECT EXISTS (SELECT 1 FROM admin_area WHERE code = ?)

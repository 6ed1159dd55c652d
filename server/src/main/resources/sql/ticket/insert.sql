-- A new ticket, routed, at the community level, due after the category's community hours.
-- 1 source, 2 category, 3 description, 4 address, 5 lon, 6 lat, 7 reporter name, 8 reporter phone, 9 photos,
-- 10 grid, 11 community, 12 street, 13 district, 14 routing, 15 boundary m, 16 needs confirmation, 17 department,
-- 18 community hours, 19 created by, 20 urgent
INSERT INTO ticket (number, source, category_code, description, address, geom, reporter_name, reporter_phone, photos,
                    grid_code, community_code, street_code, district_code, routing, boundary_m, needs_confirmation,
                    department, due_at, created_by, urgent)
VALUES (to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY') || '-' || lpad(nextval('ticket_number_seq')::text, 6, '0'),
        ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
        now() + make_interval(hours => ?), ?, ?)
RETURNING id

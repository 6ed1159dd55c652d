-- Creates or edits a category. 1 code, 2 name, 3 name_en, 4 description, 5 department, 6–9 hours per level, 10 active
INSERT INTO ticket_category (code, name, name_en, description, department, community_h, street_h, district_h,
                             department_h, active, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, description = excluded.description,
    department = excluded.department, community_h = excluded.community_h, street_h = excluded.street_h,
    district_h = excluded.district_h, department_h = excluded.department_h, active = excluded.active,
    updated_at = now()

-- The ticket category catalogue (inactive ones last)
SELECT code, name, name_en, description, department, community_h, street_h, district_h, department_h, active, updated_at
FROM ticket_category ORDER BY active DESC, code

-- Moves staged rows into place, resolving building external ids to row ids.
INSERT INTO household (household_id, building_id, unit, floor, room, members, elderly, children, sick, disabled,
                       pregnant, living_alone, oldest_age, contact_name, phone, id_number)
SELECT s.household_id, b.id, s.unit, s.floor, s.room, s.members, s.elderly, s.children, s.sick, s.disabled,
       s.pregnant, s.living_alone, s.oldest_age, s.contact_name, s.phone, s.id_number
FROM stage_household s JOIN building b ON b.building_id = s.building_ref;

INSERT INTO steward (steward_id, name, phone, role, area_code, grid_code, road, building_id, unit)
SELECT s.steward_id, s.name, s.phone, s.role, s.area_code, s.grid_code, s.road, b.id, s.unit
FROM stage_steward s LEFT JOIN building b ON b.building_id = s.building_ref;

INSERT INTO recorded_inundation (building_id, flood_name, flood_date, depth_m)
SELECT b.id, s.flood_name, s.flood_date, s.depth_m
FROM stage_inundation s JOIN building b ON b.building_id = s.building_ref;

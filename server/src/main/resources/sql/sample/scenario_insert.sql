-- A flood scenario of the sample. 1 code, 2 name, 3 kind, 4 return period (years) or null, 5 description
INSERT INTO flood_scenario (code, name, kind, return_period_years, description) VALUES (?, ?, ?, ?, ?) RETURNING id

-- A ticket with its category's names. 1 id
SELECT t.*, ST_X(t.geom) AS lon, ST_Y(t.geom) AS lat, c.name AS category_name, c.name_en AS category_name_en,
       (t.open AND t.due_at < now()) AS overdue
FROM ticket t JOIN ticket_category c ON c.code = t.category_code
WHERE t.id = ?

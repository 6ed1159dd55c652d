-- Departments called by the street (吹哨) and whether they reported (报到). 1 ticket
SELECT department, called_at, called_by, reported_at, done_at, note FROM ticket_call WHERE ticket_id = ?
ORDER BY called_at, department

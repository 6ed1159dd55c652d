-- 吹哨: a department called to a ticket; calling it again changes nothing. 1 ticket, 2 department, 3 caller, 4 note
INSERT INTO ticket_call (ticket_id, department, called_by, note) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING

-- Marks a change that lives in another table (a department call or report): updated_at moves, and the ticket's
-- trigger tells open maps. 1 ticket
UPDATE ticket SET updated_at = now() WHERE id = ?

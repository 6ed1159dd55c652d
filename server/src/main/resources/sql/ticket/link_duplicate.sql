-- Closes a ticket as a repeat of another. 1 status, 2 the ticket it repeats, 3 ticket
UPDATE ticket SET status = ?, closed_at = now(), duplicate_of = ?, updated_at = now() WHERE id = ?

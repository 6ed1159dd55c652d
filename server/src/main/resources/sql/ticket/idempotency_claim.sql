-- Claims an Idempotency-Key for a new ticket, in the ticket's transaction; nothing comes back if the key was used
-- (a concurrent first use makes this wait for that transaction). 1 caller, 2 key, 3 request hash, 4 ticket,
-- 5 response body
INSERT INTO ticket_idempotency (caller, key, request_hash, ticket_id, response) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (caller, key) DO NOTHING
RETURNING ticket_id

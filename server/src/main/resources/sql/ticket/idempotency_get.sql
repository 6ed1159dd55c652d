-- The ticket an Idempotency-Key created, the request it came from and the response given. 1 caller, 2 key
SELECT ticket_id, request_hash, response FROM ticket_idempotency WHERE caller = ? AND key = ?

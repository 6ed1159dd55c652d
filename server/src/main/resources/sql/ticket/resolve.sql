-- 办结: on time when before the due time and never escalated for lateness (DESIGN §5). 1 status, 2 ticket
UPDATE ticket SET status = ?, resolved_at = now(), resolved_on_time = (now() <= due_at AND auto_escalations = 0),
                  updated_at = now()
WHERE id = ?

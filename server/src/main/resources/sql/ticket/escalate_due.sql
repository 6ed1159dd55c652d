-- The escalation sweep (DESIGN §5): every open ticket past its due time climbs one level, exactly once, with an
-- event. Rows are claimed with FOR UPDATE SKIP LOCKED, so instances sweeping at once share the work and never
-- take the same ticket; the new due time is in the future, so a later sweep cannot take it again for the same
-- lateness. 1 batch size, 2 instance name (kept in the event)
WITH due AS (
    SELECT t.id FROM ticket t
    WHERE t.status IN ('PENDING', 'DISPATCHED', 'IN_PROGRESS', 'RETURNED', 'REOPENED')
      AND t.due_at < now() AND t.level <> 'DEPARTMENT'
    ORDER BY t.due_at
    LIMIT ?
    FOR UPDATE SKIP LOCKED
),
up AS (
    UPDATE ticket t SET
        level = CASE t.level WHEN 'COMMUNITY' THEN 'STREET' WHEN 'STREET' THEN 'DISTRICT' ELSE 'DEPARTMENT' END,
        due_at = now() + make_interval(hours => CASE t.level WHEN 'COMMUNITY' THEN c.street_h
                                                             WHEN 'STREET' THEN c.district_h ELSE c.department_h END),
        level_since = now(), auto_escalations = t.auto_escalations + 1, updated_at = now()
    FROM due, ticket_category c
    WHERE t.id = due.id AND c.code = t.category_code
    RETURNING t.id, t.status, t.level, t.due_at
)
INSERT INTO ticket_event (ticket_id, actor, action, from_status, to_status, from_level, to_level, reason, data)
SELECT up.id, 'system', 'ESCALATE', up.status, up.status,
       CASE up.level WHEN 'STREET' THEN 'COMMUNITY' WHEN 'DISTRICT' THEN 'STREET' ELSE 'DISTRICT' END, up.level,
       '超时自动上报 / overdue: escalated automatically',
       jsonb_build_object('due_at', up.due_at, 'instance', ?::text)
FROM up
RETURNING ticket_id

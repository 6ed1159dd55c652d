-- The escalation sweep (DESIGN §5): every open ticket past its due time climbs one level of the ladder
-- (ticket_level.next: 社区 → 街道 → 区级平台 → 部门), exactly once, with an event. Rows are claimed with FOR UPDATE
-- SKIP LOCKED, so instances sweeping at once share the work and never take the same ticket; the new due time is in
-- the future, so a later sweep cannot take it again for the same lateness. 1 batch size, 2 instance name (kept in
-- the event)
WITH due AS (
    SELECT t.id FROM ticket t JOIN ticket_level l ON l.code = t.level
    WHERE t.open AND t.due_at < now() AND l.next IS NOT NULL
    ORDER BY t.due_at
    LIMIT ?
    FOR UPDATE OF t SKIP LOCKED
),
up AS (
    UPDATE ticket t SET
        level = l.next,
        due_at = now() + make_interval(hours => gm_level_hours(c, l.next)),
        level_since = now(), auto_escalations = t.auto_escalations + 1, updated_at = now()
    FROM due, ticket_category c, ticket_level l
    WHERE t.id = due.id AND c.code = t.category_code AND l.code = t.level
    RETURNING t.id, t.status, l.code AS from_level, t.level, t.due_at
)
INSERT INTO ticket_event (ticket_id, actor, action, from_status, to_status, from_level, to_level, reason, data)
SELECT up.id, 'system', 'ESCALATE', up.status, up.status, up.from_level, up.level,
       '超时自动上报 / overdue: escalated automatically',
       jsonb_build_object('due_at', up.due_at, 'instance', ?::text)
FROM up
RETURNING ticket_id

-- Ticket figures for an area and period, per child area and in total (the row with child NULL). Tickets merged as
-- duplicates are not counted. 办结 = resolved and not reopened since (a status not in the open group of ticket_status); 按时 = resolved
-- before its due time without ever escalating for lateness; 满意 = a 回访 rating of 4 or 5.
-- 1 child code length, 2 area LIKE, 3 from, 4 to
WITH t AS (
    SELECT substr(t.grid_code, 1, ?) AS child, t.*
    FROM ticket t
    WHERE t.grid_code LIKE ? AND t.created_at >= ? AND t.created_at < ? AND t.duplicate_of IS NULL
)
SELECT t.child,
       count(*) AS received,
       count(*) FILTER (WHERE NOT t.open) AS resolved,
       count(*) FILTER (WHERE NOT t.open AND t.resolved_on_time) AS resolved_on_time,
       avg(extract(epoch FROM t.resolved_at - t.created_at) / 3600.0)
           FILTER (WHERE NOT t.open) AS avg_hours_to_resolve,
       count(*) FILTER (WHERE t.rating IS NOT NULL) AS rated,
       count(*) FILTER (WHERE t.rating >= 4) AS satisfied,
       count(*) FILTER (WHERE t.open) AS backlog,
       count(*) FILTER (WHERE t.open
                        AND t.due_at < now()) AS overdue
FROM t
GROUP BY ROLLUP (t.child)
ORDER BY t.child NULLS FIRST

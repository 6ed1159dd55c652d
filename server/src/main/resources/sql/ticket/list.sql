-- Tickets matching filters, newest first, with the total. The filters replace the marker below; they are fixed
-- fragments from TicketQuery with every value bound.
SELECT t.id, t.number, t.source, t.category_code, c.name AS category_name, c.name_en AS category_name_en,
       t.description, t.address, ST_X(t.geom) AS lon, ST_Y(t.geom) AS lat, t.reporter_name, t.reporter_phone, t.photos,
       t.grid_code, t.community_code, t.street_code, t.district_code, t.routing, t.boundary_m, t.needs_confirmation,
       t.level, t.department, t.assignee, t.status, t.due_at, t.created_by, t.created_at, t.updated_at, t.resolved_at,
       t.resolved_on_time, t.closed_at, t.rating, t.duplicate_of, t.auto_escalations,
       (t.status IN ('PENDING', 'DISPATCHED', 'IN_PROGRESS', 'RETURNED', 'REOPENED') AND t.due_at < now()) AS overdue,
       count(*) OVER () AS total
FROM ticket t JOIN ticket_category c ON c.code = t.category_code
WHERE true /*filters*/
ORDER BY t.created_at DESC, t.id DESC
LIMIT ? OFFSET ?

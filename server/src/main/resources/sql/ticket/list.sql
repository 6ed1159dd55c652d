-- Tickets matching filters, newest first, with the total. Every filter is a parameter that is NULL when not asked
-- for; the statement is planned with the values bound (TicketRepository turns off server-side prepare), so an unused
-- filter folds away and a used one can use its index.
--  1 caller's area prefix, 2 caller's username (a caller always sees the tickets it filed)
--  3–6 bbox west, south, east, north          7–9 near lon, lat, radius in metres
-- 10 grid code          11 area prefix        12 polygon WKT (EPSG:4326)
-- 13 statuses[]  14 categories[]  15 levels[]  16 sources[]  17 numbers[]
-- 18 overdue (true, false or null)  19 created from (inclusive)  20 created to (exclusive)
-- 21 limit  22 offset
WITH q AS (
    SELECT ?::text AS scope, ?::text AS caller,
           ?::float8 AS w, ?::float8 AS s, ?::float8 AS e, ?::float8 AS n,
           ?::float8 AS near_lon, ?::float8 AS near_lat, ?::float8 AS radius_m,
           ?::text AS grid, ?::text AS area, ?::text AS polygon,
           ?::text[] AS statuses, ?::text[] AS categories, ?::text[] AS levels, ?::text[] AS sources,
           ?::text[] AS numbers, ?::boolean AS overdue, ?::timestamptz AS from_t, ?::timestamptz AS to_t
)
SELECT t.id, t.number, t.source, t.category_code, c.name AS category_name, c.name_en AS category_name_en,
       t.description, t.address, ST_X(t.geom) AS lon, ST_Y(t.geom) AS lat, t.reporter_name, t.reporter_phone, t.photos,
       t.grid_code, t.community_code, t.street_code, t.district_code, t.routing, t.boundary_m, t.needs_confirmation,
       t.level, t.department, t.assignee, t.status, t.due_at, t.created_by, t.created_at, t.updated_at, t.resolved_at,
       t.resolved_on_time, t.closed_at, t.rating, t.duplicate_of, t.auto_escalations, t.urgent,
       (t.open AND t.due_at < now()) AS overdue,
       count(*) OVER () AS total
FROM q, ticket t JOIN ticket_category c ON c.code = t.category_code
WHERE (t.grid_code LIKE q.scope || '%' OR t.created_by = q.caller)
  AND (q.w IS NULL OR t.geom && ST_MakeEnvelope(q.w, q.s, q.e, q.n, 4326))
  AND (q.near_lon IS NULL
       OR t.geom && ST_Expand(ST_SetSRID(ST_MakePoint(q.near_lon, q.near_lat), 4326), q.radius_m / 60000.0)
          AND ST_DWithin(t.geom::geography, ST_SetSRID(ST_MakePoint(q.near_lon, q.near_lat), 4326)::geography,
                         q.radius_m))
  AND (q.grid IS NULL OR t.grid_code = q.grid)
  AND (q.area IS NULL OR t.grid_code LIKE q.area || '%')
  AND (q.polygon IS NULL OR ST_Intersects(t.geom, ST_GeomFromText(q.polygon, 4326)))
  AND (q.statuses IS NULL OR t.status = ANY (q.statuses))
  AND (q.categories IS NULL OR t.category_code = ANY (q.categories))
  AND (q.levels IS NULL OR t.level = ANY (q.levels))
  AND (q.sources IS NULL OR t.source = ANY (q.sources))
  AND (q.numbers IS NULL OR t.number = ANY (q.numbers))
  AND (q.overdue IS NULL OR q.overdue = (t.open AND t.due_at < now()))
  AND (q.from_t IS NULL OR t.created_at >= q.from_t)
  AND (q.to_t IS NULL OR t.created_at < q.to_t)
ORDER BY t.created_at DESC, t.id DESC
LIMIT ? OFFSET ?

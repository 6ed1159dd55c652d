-- People leave a shelter (returned home): occupancy goes down; a full shelter takes households again.
UPDATE shelter s SET occupancy = greatest(0, s.occupancy - ?), updated_at = now(),
       status = CASE WHEN ss.accepting THEN s.status
                     ELSE (SELECT code FROM shelter_status WHERE accepting ORDER BY rank DESC LIMIT 1) END
FROM shelter_status ss WHERE s.id = ? AND ss.code = s.status AND s.status_reason IS NULL

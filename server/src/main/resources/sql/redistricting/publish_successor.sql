-- Each old grid's successor: the new grid that took most of its households (then most buildings, then code).
CREATE TEMP TABLE publish_successor ON COMMIT DROP AS
SELECT DISTINCT ON (old_code) old_code, new_code
FROM publish_mapping
ORDER BY old_code, households DESC, buildings DESC, new_code

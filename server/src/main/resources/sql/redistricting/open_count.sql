-- A user's open drafts. 1 owner
SELECT count(*) FROM redistrict_draft WHERE owner = ? AND status = 'OPEN'

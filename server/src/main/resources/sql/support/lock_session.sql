-- An advisory lock held until the session closes. 1 lock class (support/Lock), 2 key
SELECT pg_advisory_lock(?, ?)

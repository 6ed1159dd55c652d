-- An advisory lock held until the transaction ends. 1 lock class (support/Lock), 2 key
SELECT pg_advisory_xact_lock(?, ?)

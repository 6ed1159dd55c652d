-- An advisory lock held until the transaction ends, keyed by a text's hash. 1 lock class (support/Lock), 2 text
SELECT pg_advisory_xact_lock(?, hashtext(?))

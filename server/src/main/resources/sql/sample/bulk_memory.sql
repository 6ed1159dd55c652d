-- Memory for the bulk load's sorts and hashes, for this transaction only
SET LOCAL work_mem = '256MB'

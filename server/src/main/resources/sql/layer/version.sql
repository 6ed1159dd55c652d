-- A layer's data version: the sum of the versions of the tables it reads (each only grows, so the sum changes
-- whenever one of them does). 1 table names (text[])
SELECT coalesce(sum(version), 0) FROM data_version WHERE table_name = ANY (?)

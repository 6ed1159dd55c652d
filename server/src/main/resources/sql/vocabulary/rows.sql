-- A reference table's words in order (the table comes from a vocabulary's definition).
SELECT * FROM /*table*/ ORDER BY rank

-- Empties the coverage findings layer before a new snapshot is written (in the same transaction)
DELETE FROM coverage_finding

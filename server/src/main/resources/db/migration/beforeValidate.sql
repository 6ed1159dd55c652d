-- Flyway runs this before it validates the history (a callback, not a migration). A database that ran the first
-- version of the hardening, V10__hardening (main of 1 December 2026), has version 10 recorded under that name; the
-- schema was then squashed into V10__schema.sql, which includes the hardening and accepts a database that has it.
-- The old row is renumbered 9.5, which is no longer a file here and is ignored like V1–V9
-- (flyway.ignore-migration-patterns "*:missing"), so V10__schema runs on it. Idempotent; nothing happens elsewhere.
DO $$
BEGIN
    IF to_regclass('flyway_schema_history') IS NOT NULL THEN
        UPDATE flyway_schema_history SET version = '9.5', description = 'hardening (folded into V10 schema)'
        WHERE version = '10' AND description = 'hardening';
    END IF;
END $$;

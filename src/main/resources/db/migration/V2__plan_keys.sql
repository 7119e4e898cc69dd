-- The planner keeps a digest per (table, outcome) group, a JSON object, so drift can be reported per group; and every
-- affected key, compressed, so /rows and /script show exactly the rows the plan was made of.
ALTER TABLE delete_plan ALTER COLUMN fingerprint SET DATA TYPE TEXT;
ALTER TABLE delete_plan ADD COLUMN affected_keys BYTEA;

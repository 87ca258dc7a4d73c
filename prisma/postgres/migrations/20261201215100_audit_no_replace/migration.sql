-- PostgreSQL has no REPLACE: INSERT … ON CONFLICT DO UPDATE fires the BEFORE UPDATE trigger of
-- 20261127183500_audit_append_only and is refused, and ON CONFLICT DO NOTHING changes nothing.
-- This folder exists so both providers keep the same migration names (tested in
-- lib/audit/audit.db.test.ts on both databases).
SELECT 1;

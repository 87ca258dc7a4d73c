-- SQLite's INSERT OR REPLACE (and REPLACE INTO) resolves a primary-key or unique conflict by
-- deleting the existing row without firing the BEFORE DELETE trigger (recursive_triggers is
-- off), so it could rewrite an audit entry despite "AuditEvent_no_update"/"_no_delete". A
-- statement's OR REPLACE overrides any ON CONFLICT clause of the table, so the refusal has to
-- be a BEFORE INSERT trigger: it runs before conflict resolution and refuses any insert whose
-- seq or hash is already taken. (A plain INSERT with a taken seq fails here instead of on the
-- primary key; lib/audit retries both the same way.)
-- (Written by hand: triggers cannot be expressed in schema.prisma, so `db:check` ignores them.)
CREATE TRIGGER "AuditEvent_no_replace" BEFORE INSERT ON "AuditEvent"
WHEN EXISTS (SELECT 1 FROM "AuditEvent" WHERE "seq" = NEW."seq" OR "hash" = NEW."hash")
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: this entry already exists');
END;

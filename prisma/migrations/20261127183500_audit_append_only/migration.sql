-- The audit log is insert-only: no code path may rewrite or remove history.
-- (Written by hand: triggers cannot be expressed in schema.prisma, so `db:check` ignores them.)
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

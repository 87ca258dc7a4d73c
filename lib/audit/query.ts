import { db } from "@/lib/db";
import { AUDIT_ACTIONS, LEGACY_AUDIT_ACTIONS, legacyActionsMatching } from "./actions";
import type { AuditFilter } from "./audit.schema";
import { chainedJson, type ChainedFields } from "./canonical";

export type AuditEntryView = ReturnType<typeof chainedJson> & { hash: string };

const KINDS = new Set<string>(AUDIT_ACTIONS);

/**
 * A kind the picker offers matches exactly (so "request.replanned" leaves out
 * "request.replanned_on_conflict"), with the older names stored for it; anything else, such as
 * "request.", is a prefix.
 */
function actionWhere(prefix: string) {
  if (KINDS.has(prefix)) {
    const older = Object.keys(LEGACY_AUDIT_ACTIONS).filter((old) => LEGACY_AUDIT_ACTIONS[old] === prefix);
    return { action: { in: [prefix, ...older] } };
  }
  const legacy = legacyActionsMatching(prefix);
  if (legacy.length === 0) return { action: { startsWith: prefix } };
  return { OR: [{ action: { startsWith: prefix } }, { action: { in: legacy } }] };
}

function where(f: Partial<AuditFilter>) {
  return {
    ...(f.actor ? { actor: { contains: f.actor } } : {}),
    ...(f.target ? { target: { contains: f.target } } : {}),
    ...(f.action ? actionWhere(f.action) : {}),
    ...(f.requestId ? { requestId: f.requestId } : {}),
    ...(f.from || f.to
      ? {
          at: {
            ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}),
            ...(f.to ? { lt: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
          },
        }
      : {}),
  };
}

const view = (r: ChainedFields & { hash: string }): AuditEntryView => ({ ...chainedJson(r), hash: r.hash });

/** Newest first, keyset-paginated on seq so deep pages stay fast. */
export async function listAudit(
  f: Partial<AuditFilter>,
  take = 50,
): Promise<{ items: AuditEntryView[]; nextBefore: number | null }> {
  const rows = await db().auditEvent.findMany({
    where: { ...where(f), ...(f.before ? { seq: { lt: f.before } } : {}) },
    orderBy: { seq: "desc" },
    take: take + 1,
  });
  const items = rows.slice(0, take).map(view);
  return { items, nextBefore: rows.length > take ? items[items.length - 1].seq : null };
}

/** Every matching entry in seq order, read in batches: memory stays flat for any log size. */
export async function* streamAudit(f: Partial<AuditFilter>, batch = 1000): AsyncGenerator<AuditEntryView> {
  let after = 0;
  for (;;) {
    const rows = await db().auditEvent.findMany({
      where: { ...where(f), seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: batch,
    });
    for (const r of rows) yield view(r);
    if (rows.length < batch) return;
    after = rows[rows.length - 1].seq;
  }
}

import { createHash } from "node:crypto";
import path from "node:path";
import { env } from "@/lib/env";
import { defaultDataDir, secretFile } from "@/lib/private-files";

// The audit log's entries are HMAC'd with a key that lives outside the database (AUDIT_KEY), so
// someone who can write to the database can neither forge an entry nor rewrite one and
// recompute the chain. Each entry records the id of the key that signed it: after a rotation
// (new AUDIT_KEY, the old one moved to AUDIT_PREVIOUS_KEYS) older entries still verify.

export type AuditKey = { id: string; secret: string };

/** A public fingerprint of a key: stored with each entry, it names the key without revealing it. */
function auditKeyId(secret: string): string {
  return createHash("sha256").update("gatehouse-audit-key-id\0").update(secret).digest("hex").slice(0, 16);
}

/** Development only (env() requires AUDIT_KEY in production): the checkout's .data/audit-key, as the demo uses. */
export const DEV_AUDIT_KEY_FILE = () => path.join(defaultDataDir(), "audit-key");

let cached: { current: AuditKey; byId: Map<string, AuditKey> } | undefined;

export function auditKeys(): { current: AuditKey; byId: Map<string, AuditKey> } {
  if (!cached) {
    const e = env();
    const secret = e.AUDIT_KEY ?? secretFile(DEV_AUDIT_KEY_FILE());
    const current = { id: auditKeyId(secret), secret };
    const byId = new Map(
      [current, ...e.AUDIT_PREVIOUS_KEYS.map((s) => ({ id: auditKeyId(s), secret: s }))].map((k) => [
        k.id,
        k,
      ]),
    );
    cached = { current, byId };
  }
  return cached;
}

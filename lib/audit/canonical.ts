import { createHash, createHmac } from "node:crypto";
import type { AuditKey } from "./keys";

/** JSON with object keys sorted at every depth, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export const GENESIS_HASH = "0".repeat(64);

export type ChainedFields = {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  requestId: string | null;
  data: unknown;
};

/** The chained fields as they are hashed, and as the log shows them: `at` as ISO text. */
export function chainedJson(e: ChainedFields) {
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    target: e.target,
    requestId: e.requestId,
    data: e.data,
  };
}

/**
 * The entry's hash over the previous hash and its canonical fields. With a key (every entry
 * written since keyed hashes): HMAC-SHA256 under that key, the key id included in what is
 * signed. Without (entries from before): plain SHA-256, which anyone can recompute.
 */
export function entryHash(prevHash: string, e: ChainedFields, key: AuditKey | null): string {
  const fields = chainedJson(e);
  if (!key) return createHash("sha256").update(prevHash).update(canonicalJson(fields)).digest("hex");
  return createHmac("sha256", key.secret)
    .update(prevHash)
    .update(canonicalJson({ ...fields, keyId: key.id }))
    .digest("hex");
}

import { createHash } from "node:crypto";
import { createReadStream, existsSync, promises as fs } from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { databaseKind, sqliteFilePath } from "@/lib/db";
import { env } from "@/lib/env";
import { ensurePrivateFile, PRIVATE_FILE_MODE } from "@/lib/private-files";

// The chain's head (seq, hash) is written outside the database after every audit write, to an
// append-only file (AUDIT_ANCHOR_FILE, default .data/audit-anchor.log, 0600). The chain alone
// cannot show that its last entries were deleted, or that someone holding the key rewrote an
// entry and recomputed everything after it; Verify compares the database with this record.
// One line per entry: {"log", "seq", "hash", "at"}. `log` names the database (a fingerprint of
// DATABASE_URL without credentials), so several databases (tests, a reset demo) can share a file
// without being compared with each other's history.

export type Anchor = { seq: number; hash: string };

export const anchorPath = () => path.resolve(env().AUDIT_ANCHOR_FILE);

/** Which database's chain a line belongs to: its SQLite file, or its PostgreSQL host/port/database. */
function logId(url = env().DATABASE_URL): string {
  let where: string;
  if (databaseKind(url) === "sqlite") where = `sqlite:${sqliteFilePath(url)}`;
  else {
    const u = new URL(url);
    where = `postgresql://${u.hostname}:${u.port || "5432"}${u.pathname}`;
  }
  return createHash("sha256").update(where).digest("hex").slice(0, 16);
}

let prepared: string | undefined;

/** Appends the new head. Called by audit() after the entry is committed, in append order. */
export async function anchorHead(head: Anchor): Promise<void> {
  const file = anchorPath();
  if (prepared !== file) {
    ensurePrivateFile(file);
    prepared = file;
  }
  const line = JSON.stringify({ log: logId(), seq: head.seq, hash: head.hash, at: new Date().toISOString() });
  await fs.appendFile(file, `${line}\n`, { mode: PRIVATE_FILE_MODE });
}

/** This database's anchors, in file order. A torn last line (crash mid-write) is skipped. */
export async function* readAnchors(): AsyncGenerator<Anchor> {
  const file = anchorPath();
  if (!existsSync(file)) return;
  const id = logId();
  const lines = readline.createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  for await (const line of lines) {
    let v: { log?: unknown; seq?: unknown; hash?: unknown };
    try {
      v = JSON.parse(line);
    } catch {
      continue;
    }
    if (v.log === id && Number.isSafeInteger(v.seq) && typeof v.hash === "string")
      yield { seq: v.seq as number, hash: v.hash };
  }
}

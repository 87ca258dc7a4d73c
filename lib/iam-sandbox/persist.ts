import { promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenFile } from "../private-files";
import { SortedMap } from "./model/sorted-map";
import { singleAccount, type Accounts, type Organization } from "./model/accounts";
import type { State } from "./model/types";

const FORMAT = "gatehouse-iam-sandbox/1";

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value.entries()] };
  if (value instanceof Set) return { $set: [...value] };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.$map)) return new Map(v.$map as Array<[unknown, unknown]>);
    if (Array.isArray(v.$set)) return new Set(v.$set as unknown[]);
  }
  return value;
}

/** One account's state, without what is derived from it. */
function plain(state: State): Omit<State, "keyOwners"> {
  const { keyOwners: _derived, ...rest } = state;
  return rest;
}

/**
 * Every account: the management account's state where a single-account file has always had it,
 * the members and the organization beside it (a file without them is one account, as before).
 */
export function serializeState(accounts: Accounts | State): string {
  const all = "management" in accounts ? accounts : singleAccount(accounts);
  return JSON.stringify(
    {
      format: FORMAT,
      savedAt: new Date().toISOString(),
      state: plain(all.management),
      ...(all.members.size ? { members: [...all.members.values()].map(plain) } : {}),
      ...(all.organization ? { organization: all.organization } : {}),
    },
    replacer,
  );
}

function revive(saved: Omit<State, "keyOwners">): State {
  const raw = saved as unknown as Record<string, Map<string, never>>;
  const state = {
    ...saved,
    users: new SortedMap(raw.users),
    groups: new SortedMap(raw.groups),
    roles: new SortedMap(raw.roles),
    policies: new SortedMap(raw.policies),
    instanceProfiles: new SortedMap(raw.instanceProfiles),
    keyOwners: new Map<string, string>(),
  } as State;
  for (const [key, user] of state.users) for (const k of user.accessKeys) state.keyOwners.set(k.id, key);
  return state;
}

function deserializeState(text: string): Accounts {
  const parsed = JSON.parse(text, reviver) as {
    format?: string;
    state?: Omit<State, "keyOwners">;
    members?: Omit<State, "keyOwners">[];
    organization?: Organization;
  };
  if (parsed.format !== FORMAT || !parsed.state) throw new Error("not an IAM sandbox state file");
  const members = (parsed.members ?? []).map(revive);
  return {
    management: revive(parsed.state),
    members: new Map(members.map((m) => [m.accountId, m])),
    ...(parsed.organization ? { organization: parsed.organization } : {}),
  };
}

export function loadStateFile(file: string): Accounts | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  return deserializeState(text);
}

/**
 * Durability: the file is always one complete snapshot (temp file, fsync, rename, fsync
 * of the directory), so kill -9 leaves either the previous or the next snapshot, never a
 * torn one. Writes are coalesced: a burst of mutations costs one write after `delayMs`,
 * so an acknowledged change can be lost if the process dies within that window. Serializing
 * blocks the event loop (~100 ms for a 5,000-user org), so the window stretches to nine
 * times the last serialization: the server then spends at most ~10 % of its time on it.
 */
export class StateWriter {
  private timer?: NodeJS.Timeout;
  private writing?: Promise<void>;
  private dirty = false;
  private counter = 0;
  private lastSerializeMs = 0;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => Accounts,
    private readonly delayMs = 25,
  ) {
    // The state holds every sandbox secret (keys, passwords, MFA seeds): 0600 in a 0700 directory.
    ensurePrivateDir(path.dirname(path.resolve(file)));
    tightenFile(path.resolve(file));
  }

  markDirty(): void {
    this.dirty = true;
    if (!this.timer && !this.writing)
      this.timer = setTimeout(() => void this.flush(), Math.max(this.delayMs, 9 * this.lastSerializeMs));
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.writing) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    const started = performance.now();
    const text = serializeState(this.snapshot());
    this.lastSerializeMs = performance.now() - started;
    this.writing = this.write(text).finally(() => {
      this.writing = undefined;
      if (this.dirty) this.markDirty();
    });
    await this.writing;
  }

  private async write(text: string): Promise<void> {
    const target = path.resolve(this.file);
    const tmp = `${target}.${process.pid}.${++this.counter}.tmp`;
    const handle = await fs.open(tmp, "w", PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
    try {
      const dir = await fs.open(path.dirname(target), "r");
      await dir.sync();
      await dir.close();
    } catch {
      // Some filesystems refuse fsync on directories; the rename is still atomic.
    }
  }
}

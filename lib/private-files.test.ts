import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "./db";
import { startSandbox } from "./iam-sandbox";
import { tightenPrivateDir } from "./private-files";
import { migrate } from "../tools/prisma-offline";

const mode = (p: string) => statSync(p).mode & 0o777;

// The permissive umask most machines have: without the fix, everything below is 0755 / 0644.
describe(".data is private: directories 0700, files 0600", () => {
  let root: string;
  let umask: number;
  beforeAll(() => {
    umask = process.umask(0o022);
    root = mkdtempSync(path.join(os.tmpdir(), "gatehouse-perms-"));
  });
  afterAll(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it("the SQLite database, its WAL files and the directory made for it", async () => {
    const file = path.join(root, "migrated", ".data", "gatehouse.db");
    await migrate(`file:${file}`);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    const db = createDb(`file:${file}`);
    await db.member.create({
      data: { email: "perm@example.com", role: "admin", name: "p", passwordHash: "x" },
    });
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
    await db.$disconnect();
  });

  it("the sandbox's state file (every sandbox secret)", async () => {
    const file = path.join(root, "sandbox", ".data", "iam-sandbox.json");
    const sandbox = await startSandbox({ stateFile: file, seed: "example-company" });
    await sandbox.admin.flush();
    await sandbox.close();
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });

  it("tightens a .data made by an earlier version at start", () => {
    const dir = path.join(root, "old", ".data");
    mkdirSync(path.join(dir, "e2e"), { recursive: true, mode: 0o755 });
    for (const f of ["nextauth-secret", "gatehouse.db", "e2e/app.log"]) {
      writeFileSync(path.join(dir, f), "x");
      chmodSync(path.join(dir, f), 0o644);
    }
    chmodSync(dir, 0o755);
    tightenPrivateDir(dir);
    expect([mode(dir), mode(path.join(dir, "e2e"))]).toEqual([0o700, 0o700]);
    for (const f of ["nextauth-secret", "gatehouse.db", "e2e/app.log"])
      expect(mode(path.join(dir, f)), f).toBe(0o600);
  });
});

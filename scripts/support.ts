import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

// Small process helpers shared by the command-line scripts (demo, benchmarks).

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** Polls `url` until it answers below 500, or throws after `timeoutMs`. */
export async function waitFor(
  url: string,
  timeoutMs = 20_000,
  headers: Record<string, string> = {},
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url, { headers })).status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up within ${timeoutMs / 1000}s`);
}

/**
 * Node flags for the production server (`npm start`, the demo, the load benchmark). A sync
 * parses megabytes of IAM XML into short-lived objects; V8's default young generation (16 MB
 * semi-spaces) then spends about a third of the sync in scavenges. 64 MB semi-spaces cut a
 * 5,000-user sync by ~25 % (npm run bench:review) for at most ~190 MB more memory.
 */
const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];

/** `next start` under SERVER_NODE_FLAGS, as a node command line: [node, ...args]. */
export function nextStartCommand(root: string, port: number): [string, string[]] {
  return [
    process.execPath,
    [
      ...SERVER_NODE_FLAGS,
      `${root}/node_modules/next/dist/bin/next`,
      "start",
      "-H",
      "127.0.0.1",
      "-p",
      String(port),
    ],
  ];
}

/**
 * The IAM sandbox in its own process (as IAM would be remote, its CPU is not the caller's),
 * in memory, seeded, with a fresh admin token (sandboxToken/sandboxAdmin); resolves once it
 * answers. `stop()` ends that process.
 */
export async function startSandboxProcess(
  root: string,
  seed: string,
): Promise<{ url: string; token: string; stop: () => void }> {
  const port = await freePort();
  const token = sandboxToken();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "lib/iam-sandbox/cli.ts", "--port", String(port), "--memory", "--seed", seed],
    {
      cwd: root,
      stdio: "ignore",
      env: { ...process.env, IAM_SANDBOX_ADMIN_TOKEN: token },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/_sandbox/health`, 20_000, { authorization: `Bearer ${token}` });
  } catch (e) {
    child.kill("SIGTERM");
    throw e;
  }
  return { url, token, stop: () => child.kill("SIGTERM") };
}

/** A new admin token for a sandbox this script starts (IAM_SANDBOX_ADMIN_TOKEN). */
export const sandboxToken = () => randomBytes(24).toString("base64url");

/**
 * A migrated SQLite database in a new temporary folder, made this process's DATABASE_URL (call it
 * before the first db() call). `remove()` deletes the folder.
 */
export async function freshBenchDatabase(name: string): Promise<{ url: string; remove: () => void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `gatehouse-bench-${name}-`));
  const url = `file:${path.join(dir, "bench.db")}`;
  process.env.DATABASE_URL = url;
  const { migrate } = await import("../tools/prisma-offline");
  await migrate(url);
  return { url, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

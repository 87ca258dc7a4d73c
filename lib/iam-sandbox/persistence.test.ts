import { CreateUserCommand, ListUsersCommand, paginateListUsers } from "@aws-sdk/client-iam";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startSandbox } from "./index";
import { clients, freePort } from "./test/helpers";

const ROOT = path.resolve(__dirname, "../..");
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

/** The CLI in its own process (one node process: tsx as a loader), so kill -9 is real. */
async function startCli(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "lib/iam-sandbox/cli.ts", "--port", String(port), ...args],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("listening")) resolve();
    });
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", () => reject(new Error(`sandbox exited: ${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "iam-sandbox-"));

describe("persistence", () => {
  it("keeps state across a clean restart", async () => {
    const file = path.join(tmp(), "state.json");
    const a = await startSandbox({ stateFile: file, seed: "example-company" });
    await clients(a.url).iam.send(new CreateUserCommand({ UserName: "survivor" }));
    await a.close();
    const b = await startSandbox({ stateFile: file, seed: "empty" });
    const names = (await clients(b.url).iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName);
    expect(names).toContain("survivor");
    expect(names).toContain("sally");
    await b.close();
    const c = await startSandbox({ stateFile: file, seed: "empty", reset: true });
    expect(c.admin.health().users).toBe(0);
    await c.close();
  });

  it("survives kill -9, even mid-way through a storm of concurrent writes", async () => {
    const dir = tmp();
    const file = path.join(dir, "state.json");
    const { url, child } = await startCli(["--state", file, "--seed", "empty"]);
    const { iam } = clients(url);
    for (let i = 0; i < 5; i++) await iam.send(new CreateUserCommand({ UserName: `durable-${i}` }));
    // Older than the coalescing window: these must be on disk whatever happens next.
    await new Promise((r) => setTimeout(r, 300));
    const storm = Array.from({ length: 400 }, (_, i) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `Action=CreateUser&Version=2010-05-08&UserName=storm-${i}`,
        signal: AbortSignal.timeout(5000),
      }).catch(() => undefined),
    );
    await new Promise((r) => setTimeout(r, 100));
    child.kill("SIGKILL");
    await Promise.all(storm);
    await new Promise((r) =>
      child.exitCode === null && child.signalCode === null ? child.once("exit", r) : r(null),
    );
    expect(() => JSON.parse(readFileSync(file, "utf8"))).not.toThrow();
    const after = await startSandbox({ stateFile: file });
    const seen: string[] = [];
    for await (const page of paginateListUsers({ client: clients(after.url).iam }, {}))
      seen.push(...page.Users!.map((u) => u.UserName!));
    expect(seen.filter((n) => n.startsWith("durable-"))).toHaveLength(5);
    expect(seen.every((n) => n.startsWith("durable-") || n.startsWith("storm-"))).toBe(true);
    await after.close();
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp")).length).toBeLessThanOrEqual(1);
  });
});

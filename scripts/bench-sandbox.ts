/**
 * IAM sandbox benchmark, loopback only. Starts the sandbox CLI in its own process with a
 * generated 5,000-user / 300-group / 1,500-policy org (in memory), then:
 *   1. a mixed read/write load (autocannon, bounded duration) -> requests per second;
 *   2. a full paginated GetAccountAuthorizationDetails walk via the SDK paginator -> ms.
 * Prints a table, and as the last line one JSON object.
 *
 *   npm run bench:sandbox [-- --seconds 8 --connections 16]
 */
import {
  IAMClient,
  ListGroupsCommand,
  ListUsersCommand,
  paginateGetAccountAuthorizationDetails,
} from "@aws-sdk/client-iam";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "./support";

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  duration: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(__filename)("autocannon") as Autocannon;

const ROOT = path.resolve(__dirname, "..");
const AUTH =
  "AWS4-HMAC-SHA256 Credential=AKIABENCHROOTKEY0000/20240102/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0";

async function startServer(port: number, extra: string[]) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "lib/iam-sandbox/cli.ts", "--port", String(port), ...extra],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("listening") && resolve());
    child.on("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { child, startMs: Date.now() - started };
}

const form = (params: Record<string, string>) =>
  new URLSearchParams({ Version: "2010-05-08", ...params }).toString();

async function mixedLoad(
  url: string,
  seconds: number,
  connections: number,
  user: string,
  group: string,
): Promise<AutocannonResult> {
  let n = 0;
  const post = (body: string) => ({ method: "POST", path: "/", body });
  // 6 of 8 requests read, 2 write.
  return autocannon({
    url,
    connections,
    duration: seconds,
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: AUTH },
    requests: [
      post(form({ Action: "GetUser", UserName: user })),
      post(form({ Action: "ListUsers", MaxItems: "20" })),
      post(form({ Action: "ListGroupsForUser", UserName: user })),
      post(form({ Action: "GetGroup", GroupName: group, MaxItems: "20" })),
      post(form({ Action: "ListAttachedGroupPolicies", GroupName: group })),
      post(form({ Action: "GetAccountSummary" })),
      // The org sits at the 5,000-user quota, so the writes tag and untag instead of creating users.
      {
        method: "POST",
        path: "/",
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          body: form({
            Action: "TagUser",
            UserName: user,
            "Tags.member.1.Key": "bench",
            "Tags.member.1.Value": String(n++),
          }),
        }),
      },
      post(form({ Action: "UntagUser", UserName: user, "TagKeys.member.1": "bench" })),
    ],
  });
}

const client = (url: string) =>
  new IAMClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIABENCHROOTKEY0000", secretAccessKey: "x" },
  });

async function walk(
  url: string,
): Promise<{ ms: number; users: number; groups: number; roles: number; policies: number; pages: number }> {
  const iam = client(url);
  const t = performance.now();
  const counts = { users: 0, groups: 0, roles: 0, policies: 0, pages: 0 };
  for await (const page of paginateGetAccountAuthorizationDetails({ client: iam, pageSize: 1000 }, {})) {
    counts.pages++;
    counts.users += page.UserDetailList?.length ?? 0;
    counts.groups += page.GroupDetailList?.length ?? 0;
    counts.roles += page.RoleDetailList?.length ?? 0;
    counts.policies += page.Policies?.length ?? 0;
  }
  return { ms: Math.round(performance.now() - t), ...counts };
}

/** The same walk over raw HTTP, without SDK XML parsing: what the sandbox itself costs. */
async function rawWalk(url: string): Promise<number> {
  const t = performance.now();
  let marker: string | undefined;
  do {
    const body = form({
      Action: "GetAccountAuthorizationDetails",
      MaxItems: "1000",
      ...(marker ? { Marker: marker } : {}),
    });
    const text = await (
      await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: AUTH },
        body,
      })
    ).text();
    marker = /<Marker>([^<]+)<\/Marker>/.exec(text.slice(-400))?.[1];
  } while (marker);
  return Math.round(performance.now() - t);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: "string" }, connections: { type: "string" } } });
  const seconds = Number(values.seconds ?? 8);
  const connections = Number(values.connections ?? 16);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The same generated account for both servers.
  const account = ["--users", "5000", "--groups", "300", "--policies", "1500", "--random-seed", "1"];
  const { child, startMs } = await startServer(port, ["--memory", ...account]);
  try {
    await walk(url); // warm-up: JIT and SDK initialisation are not what we measure
    await rawWalk(url);
    const user = (await client(url).send(new ListUsersCommand({ MaxItems: 1 }))).Users![0].UserName!;
    const group = (await client(url).send(new ListGroupsCommand({ MaxItems: 1 }))).Groups![0].GroupName!;
    // Each phase on its own: the walks first, then the mixed load.
    const walks = [await walk(url), await walk(url), await walk(url)].sort((a, b) => a.ms - b.ms);
    const raw = [await rawWalk(url), await rawWalk(url), await rawWalk(url)].sort((a, b) => a - b)[1];
    const load = await mixedLoad(url, seconds, connections, user, group);
    // The same load with a state file: coalesced snapshots must not cost the request rate.
    const port2 = await freePort();
    const stateFile = path.join(mkdtempSync(path.join(os.tmpdir(), "iam-sandbox-bench-")), "state.json");
    const persisted = await startServer(port2, ["--state", stateFile, "--reset", ...account]);
    let persistedRps = 0;
    try {
      const load2 = await mixedLoad(`http://127.0.0.1:${port2}`, seconds, connections, user, group);
      persistedRps = Math.round(load2.requests.total / load2.duration);
    } finally {
      persisted.child.kill("SIGTERM");
    }
    const w = walks[1];
    const rps = Math.round(load.requests.total / load.duration);
    const rows: Array<[string, string]> = [
      ["org", "5,000 users / 300 groups / 1,500 policies (generated, seed 1)"],
      ["server start incl. generation", `${startMs} ms`],
      ["mixed load", `${connections} connections, ${seconds} s, 6 reads : 2 writes`],
      ["requests/s", String(rps)],
      ["latency p50 / p99", `${load.latency.p50} / ${load.latency.p99} ms`],
      ["non-2xx / errors", `${load.non2xx} / ${load.errors}`],
      ["requests/s with state file", `${persistedRps} (coalesced atomic snapshots of a 4 MB state)`],
      ["auth-details walk (median of 3)", `${w.ms} ms, ${w.pages} pages`],
      ["same walk, raw HTTP (no SDK parse)", `${raw} ms`],
      ["walked", `${w.users} users, ${w.groups} groups, ${w.roles} roles, ${w.policies} policies`],
      ["targets", ">= 2,000 requests/s; walk <= 1,000 ms"],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
    console.log(JSON.stringify({ requests_per_s: rps, auth_details_walk_ms: w.ms }));
  } finally {
    child.kill("SIGTERM");
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

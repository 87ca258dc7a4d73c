/**
 * IAM sandbox benchmark, loopback only, with signatures checked and policies evaluated
 * (`--auth on`). Starts the sandbox CLI three times, each in its own process with the same
 * generated org of 4,999 users / 300 groups / 1,500 policies: `--auth on` in memory, `--auth off`
 * in memory (the same-run baseline) and `--auth on` with a state file. In each, the root adds
 * `bench-operator` (the 5,000th user: an inline policy for the load's actions, two generated
 * groups, an access key). Then:
 *   1. a full paginated GetAccountAuthorizationDetails walk via the SDK paginator, signed by the
 *      root, and the same walk over raw HTTP -> ms (median of 3, on and off in turns);
 *   2. a mixed read/write load (autocannon), 3 of 4 requests signed by bench-operator (so its
 *      policies are evaluated on every one; the root's never are) and 1 of 4 by the root,
 *      in rounds that take turns between the three servers -> requests per second (median
 *      round) and the sandbox's CPU time per request (Linux /proc: on a shared machine it varies
 *      less than the rate). Any non-2xx answer fails the bench.
 * Every request is signed with SigV4 before the loads start (a signature holds for 15 minutes);
 * TagUser's changing bodies come from a pool of pre-signed ones. A warm-up walk and a 2 s
 * warm-up load come first on each server.
 * Prints a table, and as the last line one JSON object: the two target figures (auth on), the
 * auth-off baseline of each and their ratios.
 *
 *   npm run bench:sandbox [-- --seconds 4 --rounds 3 --connections 16]
 *   BENCH_PROFILE_DIR=dir npm run bench:sandbox   # also a CPU profile of each sandbox process
 */
import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteUserCommand,
  IAMClient,
  ListGroupsCommand,
  ListUsersCommand,
  paginateGetAccountAuthorizationDetails,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { Sha256 } from "@smithy/core/checksum";
import { HttpRequest } from "@smithy/core/protocols";
import { SignatureV4 } from "@smithy/signature-v4";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync } from "node:fs";
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
const OPERATOR = "bench-operator";
/** BENCH_PROFILE_DIR=dir writes each sandbox process's CPU profile there. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Starts the CLI; with `--auth on` the root's key is read from what it prints. */
async function startServer(port: number, auth: "on" | "off", extra: string[]) {
  const child = spawn(
    process.execPath,
    [
      ...(PROFILE_DIR ? ["--cpu-prof", "--cpu-prof-dir", PROFILE_DIR] : []),
      ...["--import", "tsx", "lib/iam-sandbox/cli.ts", "--port", String(port), "--auth", auth, ...extra],
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  const started = Date.now();
  let out = "";
  const root = await new Promise<Credentials | undefined>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const printed = /AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+)/.exec(out);
      if (printed) resolve({ accessKeyId: printed[1], secretAccessKey: printed[2] });
      else if (auth === "off" && out.includes("listening")) resolve(undefined);
    });
    child.on("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { child, root, startMs: Date.now() - started };
}

const form = (params: Record<string, string>) =>
  new URLSearchParams({ Version: "2010-05-08", ...params }).toString();

interface SignedPost {
  method: "POST";
  path: "/";
  headers: Record<string, string>;
  body: string;
}

/** One IAM Query API POST, signed as the AWS SDK signs it (host, content type, body hash). */
async function signedPost(url: URL, creds: Credentials, body: string): Promise<SignedPost> {
  const signer = new SignatureV4({ credentials: creds, region: "us-east-1", service: "iam", sha256: Sha256 });
  const request = new HttpRequest({
    method: "POST",
    protocol: "http:",
    hostname: url.hostname,
    port: Number(url.port),
    path: "/",
    headers: { host: url.host, "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body,
  });
  const signed = await signer.sign(request);
  return { method: "POST", path: "/", headers: signed.headers, body };
}

const client = (url: string, credentials: Credentials) =>
  new IAMClient({ endpoint: url, region: "us-east-1", credentials });

/** What bench-operator may do: the load's reads anywhere, its tag writes on users, for key "bench" only. */
const operatorPolicy = (accountId: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Read",
        Effect: "Allow",
        Action: [
          "iam:GetUser",
          "iam:ListUsers",
          "iam:ListGroupsForUser",
          "iam:GetGroup",
          "iam:ListAttachedGroupPolicies",
          "iam:GetAccountSummary",
        ],
        Resource: "*",
      },
      {
        Sid: "TagBench",
        Effect: "Allow",
        Action: ["iam:TagUser", "iam:UntagUser"],
        Resource: `arn:aws:iam::${accountId}:user/*`,
        Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["bench"] } },
      },
    ],
  });

/**
 * Adds bench-operator through the root (so also under `--auth off`, where a key no user holds acts
 * as the root) and checks, under `--auth on`, that its policy is enforced. Returns its key and
 * the user and group the load reads.
 */
async function prepare(url: string, root: Credentials, auth: "on" | "off") {
  const iam = client(url, root);
  const user = (await iam.send(new ListUsersCommand({ MaxItems: 1 }))).Users![0];
  const groups = (await iam.send(new ListGroupsCommand({ MaxItems: 2 }))).Groups!;
  const accountId = user.Arn!.split(":")[4];
  await iam.send(new CreateUserCommand({ UserName: OPERATOR, Tags: [{ Key: "team", Value: "platform" }] }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: OPERATOR,
      PolicyName: "bench-operator",
      PolicyDocument: operatorPolicy(accountId),
    }),
  );
  // Two generated groups too, so that each decision also walks their attached policies.
  for (const g of groups)
    await iam.send(new AddUserToGroupCommand({ GroupName: g.GroupName!, UserName: OPERATOR }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: OPERATOR }))).AccessKey!;
  const operator = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  if (auth === "on") {
    const refused = await client(url, operator)
      .send(new DeleteUserCommand({ UserName: user.UserName! }))
      .then(
        () => undefined,
        (e: { name?: string }) => e.name,
      );
    if (refused !== "AccessDenied")
      throw new Error(`bench-operator's DeleteUser answered ${refused ?? "200"}`);
  }
  return { operator, user: user.UserName!, group: groups[0].GroupName! };
}

/** The load's eight requests for one signer: 6 reads, 2 writes; TagUser from a signed pool. */
async function requestsFor(url: URL, creds: Credentials, user: string, group: string, pool: number) {
  const reads = [
    form({ Action: "GetUser", UserName: user }),
    form({ Action: "ListUsers", MaxItems: "20" }),
    form({ Action: "ListGroupsForUser", UserName: user }),
    form({ Action: "GetGroup", GroupName: group, MaxItems: "20" }),
    form({ Action: "ListAttachedGroupPolicies", GroupName: group }),
    form({ Action: "GetAccountSummary" }),
  ];
  const signed = await Promise.all(reads.map((body) => signedPost(url, creds, body)));
  // The org sits at the 5,000-user quota, so the writes tag and untag instead of creating users.
  const tags = await Promise.all(
    Array.from({ length: pool }, (_, i) =>
      signedPost(
        url,
        creds,
        form({
          Action: "TagUser",
          UserName: user,
          "Tags.member.1.Key": "bench",
          "Tags.member.1.Value": String(i),
        }),
      ),
    ),
  );
  let n = 0;
  const tagUser = {
    method: "POST",
    path: "/",
    setupRequest: (req: Record<string, unknown>) => ({ ...req, ...tags[n++ % tags.length] }),
  };
  const untag = await signedPost(
    url,
    creds,
    form({ Action: "UntagUser", UserName: user, "TagKeys.member.1": "bench" }),
  );
  return [...signed, tagUser, untag];
}

/** The load's requests, signed now (a signature holds for 15 minutes, the bench takes 2). */
async function loadRequests(
  url: string,
  signers: { root: Credentials; operator: Credentials },
  user: string,
  group: string,
) {
  const u = new URL(url);
  const operator = await requestsFor(u, signers.operator, user, group, 300);
  const root = await requestsFor(u, signers.root, user, group, 100);
  // Three of every four requests are bench-operator's.
  return [...operator, ...operator, ...operator, ...root];
}

async function mixedLoad(
  url: string,
  seconds: number,
  connections: number,
  requests: unknown[],
): Promise<AutocannonResult> {
  const result = await autocannon({ url, connections, duration: seconds, requests });
  // A refused or failed request is not throughput.
  if (result.non2xx || result.errors)
    throw new Error(`mixed load: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}

async function walk(url: string, root: Credentials) {
  const iam = client(url, root);
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
async function rawWalk(url: string, root: Credentials): Promise<number> {
  const t = performance.now();
  let marker: string | undefined;
  do {
    const body = form({
      Action: "GetAccountAuthorizationDetails",
      MaxItems: "1000",
      ...(marker ? { Marker: marker } : {}),
    });
    // fetch sends the same Host header itself.
    const { host: _host, ...headers } = (await signedPost(new URL(url), root, body)).headers;
    const text = await (await fetch(url, { method: "POST", headers, body })).text();
    marker = /<Marker>([^<]+)<\/Marker>/.exec(text.slice(-400))?.[1];
  } while (marker);
  return Math.round(performance.now() - t);
}

/** CPU time (user + system) a process has used, from Linux's /proc; clock ticks of 10 ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = <T>(xs: T[], key: (x: T) => number): T =>
  [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)];
const rate = (r: AutocannonResult) => Math.round(r.requests.total / r.duration);
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

/** A started sandbox with bench-operator in it. */
async function start(auth: "on" | "off", extra: string[], rootIn?: Credentials) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { child, root: printed, startMs } = await startServer(port, auth, extra);
  const root = printed ?? rootIn!;
  const prepared = await prepare(url, root, auth).catch((e: unknown) => {
    child.kill("SIGTERM");
    throw e;
  });
  const signers = { root, operator: prepared.operator };
  const requests = await loadRequests(url, signers, prepared.user, prepared.group);
  return { auth, url, child, startMs, signers, requests };
}
type Server = Awaited<ReturnType<typeof start>>;

/** One round of the mixed load, with the sandbox's CPU time per request. */
async function round(s: Server, seconds: number, connections: number) {
  const before = cpuMs(s.child.pid!);
  const result = await mixedLoad(s.url, seconds, connections, s.requests);
  const cpuUs = Math.round(((cpuMs(s.child.pid!) - before) * 1000) / result.requests.total);
  return { rps: rate(result), cpuUs, result };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seconds: { type: "string" }, rounds: { type: "string" }, connections: { type: "string" } },
  });
  const seconds = Number(values.seconds ?? 4);
  const rounds = Number(values.rounds ?? 3);
  const connections = Number(values.connections ?? 16);
  // The same generated account for every server; bench-operator is the 5,000th user.
  const account = ["--users", "4999", "--groups", "300", "--policies", "1500", "--random-seed", "1"];
  const loadBefore = os.loadavg()[0];
  const on = await start("on", ["--memory", ...account]);
  const servers: Server[] = [on];
  try {
    // The same-run baseline: nothing checked, nothing evaluated.
    const off = await start("off", ["--memory", ...account], on.signers.root);
    servers.push(off);
    // The same load with a state file: coalesced snapshots must not cost the request rate.
    const stateFile = path.join(mkdtempSync(path.join(os.tmpdir(), "iam-sandbox-bench-")), "state.json");
    const persisted = await start("on", ["--state", stateFile, "--reset", ...account]);
    servers.push(persisted);

    // Warm-ups (JIT and SDK initialisation are not what we measure), then on and off in turns,
    // so that other work on the machine weighs on both alike; each figure is the median.
    const walks: Record<"on" | "off", Awaited<ReturnType<typeof walk>>[]> = { on: [], off: [] };
    const raws: Record<"on" | "off", number[]> = { on: [], off: [] };
    for (const s of [on, off]) {
      await walk(s.url, s.signers.root);
      await rawWalk(s.url, s.signers.root);
    }
    for (let i = 0; i < 3; i++)
      for (const s of [on, off]) {
        walks[s.auth].push(await walk(s.url, s.signers.root));
        raws[s.auth].push(await rawWalk(s.url, s.signers.root));
      }
    for (const s of servers) await mixedLoad(s.url, 2, connections, s.requests);
    const loads = new Map<Server, Awaited<ReturnType<typeof round>>[]>(servers.map((s) => [s, []]));
    for (let i = 0; i < rounds; i++)
      for (const s of servers) loads.get(s)!.push(await round(s, seconds, connections));
    const loadAfter = os.loadavg()[0];

    const [w, wOff] = [median(walks.on, (x) => x.ms), median(walks.off, (x) => x.ms)];
    const [rawOn, rawOff] = [median(raws.on, (x) => x), median(raws.off, (x) => x)];
    const [l, lOff, lState] = servers.map((s) => median(loads.get(s)!, (x) => x.rps));
    const all = (s: Server) =>
      loads
        .get(s)!
        .map((x) => x.rps)
        .join(", ");
    const rows: Array<[string, string]> = [
      ["org", "4,999 generated users + bench-operator / 300 groups / 1,500 policies (seed 1)"],
      ["server start incl. generation", `${on.startMs} ms`],
      [
        "mixed load",
        `${connections} connections, ${rounds} rounds of ${seconds} s per server in turns, ` +
          "6 reads : 2 writes, 3/4 bench-operator, 1/4 root",
      ],
      ["requests/s, auth on (median)", `${l.rps} (rounds ${all(on)})`],
      [
        "requests/s, auth off (baseline)",
        `${lOff.rps} (rounds ${all(off)}; on/off ${ratio(l.rps, lOff.rps)})`,
      ],
      ["latency p50 / p99, auth on", `${l.result.latency.p50} / ${l.result.latency.p99} ms`],
      ["latency p50 / p99, auth off", `${lOff.result.latency.p50} / ${lOff.result.latency.p99} ms`],
      [
        "sandbox CPU per request, on / off",
        `${l.cpuUs} / ${lOff.cpuUs} µs (on/off ${ratio(l.cpuUs, lOff.cpuUs)})`,
      ],
      ["non-2xx / errors", "0 / 0 (checked)"],
      ["requests/s with state file, auth on", `${lState.rps} (coalesced atomic snapshots of a 4 MB state)`],
      ["auth-details walk, auth on (median of 3)", `${w.ms} ms, ${w.pages} pages`],
      ["auth-details walk, auth off", `${wOff.ms} ms (on/off ${ratio(w.ms, wOff.ms)})`],
      ["same walk, raw HTTP (no SDK parse), on / off", `${rawOn} / ${rawOff} ms`],
      ["walked", `${w.users} users, ${w.groups} groups, ${w.roles} roles, ${w.policies} policies`],
      ["load average (1 min), before / after", `${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}`],
      ["targets (auth on)", ">= 2,000 requests/s; walk <= 1,000 ms"],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
    console.log(
      JSON.stringify({
        requests_per_s: l.rps,
        auth_details_walk_ms: w.ms,
        requests_per_s_auth_off: lOff.rps,
        auth_details_walk_ms_auth_off: wOff.ms,
        requests_per_s_ratio: ratio(l.rps, lOff.rps),
        auth_details_walk_ratio: ratio(w.ms, wOff.ms),
        requests_per_s_state_file: lState.rps,
        cpu_us_per_request: l.cpuUs,
        cpu_us_per_request_auth_off: lOff.cpuUs,
      }),
    );
  } finally {
    for (const s of servers) s.child.kill("SIGTERM");
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

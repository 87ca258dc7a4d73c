// Load and reliability on PostgreSQL, loopback only, bounded in time:
//  1. the production app (`next start`, port 3200) on a throwaway PostgreSQL database: 50
//     signed-in sessions load the review page and poll a request's progress for 60 s
//     (autocannon, at the rate real browsers poll: 0.8 s while a request runs) → p50/p99/errors;
//     then 15 s unthrottled, for the throughput ceiling;
//  2. two executor processes on one PostgreSQL database race for 100 queued change requests
//     while the sandbox throttles 30 % and fails 5 % of calls → each completes exactly once.
// Needs `npx next build` first. Every database it creates it drops; every process it starts it stops.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { createDb } from "@/lib/db";
import { createIamClients } from "@/lib/iam";
import { startSandbox } from "@/lib/iam-sandbox";
import { configureChanges } from "@/lib/changes";
import { registerFixtureKinds } from "@/lib/changes/testing/fixture-kinds";
import { checkExactlyOnce, queueRequests, runExecutor } from "@/lib/changes/testing/exactly-once";
import {
  createDatabase,
  defaultServerUrl,
  dropDatabase,
  migrate,
  randomDatabaseName,
} from "../tools/prisma-offline";
import { callAction, signInCookie } from "./bench/http-session";
import { nextStartCommand, waitFor } from "./support";

type Result = {
  latency: { p50: number; p99: number; max: number };
  requests: { total: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
};
const autocannon = createRequire(__filename)("autocannon") as (o: Record<string, unknown>) => Promise<Result>;

const SERVER = process.env.BENCH_POSTGRES_URL ?? defaultServerUrl;
const APP_PORT = 3200;
const SESSIONS = 50;
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const QUEUED = Number(process.env.BENCH_QUEUED ?? 100);
const PASSWORD = "bench password not secret";
const SECRET = "bench-nextauth-secret-0123456789abcdef012345";
const base = `http://127.0.0.1:${APP_PORT}`;
// The audit key and anchor for this run's throwaway databases (inherited by the app and the executors).
process.env.AUDIT_KEY ||= randomBytes(32).toString("base64url");
process.env.AUDIT_ANCHOR_FILE ||= path.join(
  os.tmpdir(),
  `gatehouse-bench-load-${process.pid}-audit-anchor.log`,
);
/** BENCH_PHASES=load or =once runs one half (e.g. to repeat it); default both. */
const PHASES = (process.env.BENCH_PHASES ?? "load,once").split(",");
const skipped = {
  latency: { p50: NaN, p99: NaN, max: NaN },
  requests: { total: 0, average: NaN },
  non2xx: 0,
  errors: 0,
  timeouts: 0,
  statusCodeStats: {},
};

async function loadPhase(url: string) {
  const db = createDb(url);
  const passwordHash = await hashPassword(PASSWORD);
  const emails = Array.from({ length: SESSIONS }, (_, i) => `load-${i}@bench.local`);
  await db.member.createMany({
    data: [
      { email: "load-operator@bench.local", role: "operator", name: "Load operator", passwordHash },
      ...emails.map((email) => ({ email, role: "auditor", name: email, passwordHash })),
    ],
  });
  await db.$disconnect();
  const sandbox = await startSandbox({ port: 4600, seed: "example-company" });
  let app: ChildProcess | undefined;
  try {
    // BENCH_PROFILE_DIR=dir writes the app's CPU profile there (open it in Chrome DevTools).
    const profile = process.env.BENCH_PROFILE_DIR
      ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
      : [];
    const [node, startArgs] = nextStartCommand(process.cwd(), APP_PORT);
    app = spawn(node, [...profile, ...startArgs], {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: url,
        NEXTAUTH_URL: base,
        NEXTAUTH_SECRET: SECRET,
        IAM_MODE: "sandbox",
        IAM_SANDBOX_ENDPOINT: sandbox.url,
        LOG_LEVEL: "warn",
      },
    });
    await waitFor(`${base}/signin`, 60_000);
    const operator = await signInCookie(base, "load-operator@bench.local", PASSWORD);
    const sync = await callAction(base, operator, "syncNowAction", {});
    if (!sync.ok) throw new Error(`sync: ${sync.error}`);
    const req = await callAction<{ id: string }>(base, operator, "createRequestAction", {
      kind: "group.add-member",
      input: { userName: "jane", groupName: "Accountants" },
    });
    if (!req.ok || !req.data) throw new Error(`request: ${req.error}`);
    const cookies = await Promise.all(emails.map((e) => signInCookie(base, e, PASSWORD)));
    let next = 0;
    // Each connection is one member: it takes the next session cookie on its first request and
    // keeps it (autocannon's context is per connection; setHeaders would reach one request only).
    const withSession = (req: Record<string, unknown>, ctx: { cookie?: string }) => {
      ctx.cookie ??= cookies[next++ % SESSIONS];
      return { ...req, headers: { cookie: ctx.cookie } };
    };
    const poll = { method: "GET", path: `/api/requests/${req.data.id}`, setupRequest: withSession };
    const opts = {
      url: base,
      connections: SESSIONS,
      timeout: 10,
      // One review page load for every four progress polls, per session.
      requests: [{ method: "GET", path: "/review", setupRequest: withSession }, poll, poll, poll, poll],
    };
    const before = await transactionsCounted(url);
    const paced = await autocannon({ ...opts, duration: SECONDS, overallRate: Math.round(SESSIONS / 0.8) });
    const transactionsPerRequest =
      ((await transactionsCounted(url)) - before) / Math.max(1, paced.requests.total);
    console.log(
      `database: about ${transactionsPerRequest.toFixed(1)} transactions per request (PostgreSQL's count for the database; each autocommit query is one, background loops included)`,
    );
    const flat = await autocannon({ ...opts, duration: Math.min(15, SECONDS) });
    return { paced, flat };
  } finally {
    app?.kill("SIGTERM");
    await sandbox.close();
  }
}

/** Transactions PostgreSQL has counted for the database (each autocommit statement is one). */
async function transactionsCounted(url: string): Promise<number> {
  await new Promise((r) => setTimeout(r, 11_000)); // an idle backend may hold its counts back for up to 10 s
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()",
    );
    return Number(rows[0].n) - 1; // this query's own transaction is counted when it ends
  } finally {
    await client.end();
  }
}

async function exactlyOncePhase(url: string) {
  process.env.DATABASE_URL = url; // the engine's db() in this process
  const sandbox = await startSandbox({ port: 4601, seed: "example-company" });
  try {
    const { iam } = createIamClients({ mode: "sandbox", endpoint: sandbox.url });
    registerFixtureKinds();
    configureChanges({ iam: async () => iam });
    const queued = await queueRequests(iam, QUEUED, "bench");
    sandbox.admin.setFaults({ throttleRate: 0.3, failureRate: 0.05, seed: 42 });
    const started = Date.now();
    const opts = { databaseUrl: url, sandboxUrl: sandbox.url, deadlineMs: 600_000 };
    const stats = await Promise.all([
      runExecutor({ ...opts, holder: "instance-a" }),
      runExecutor({ ...opts, holder: "instance-b" }),
    ]);
    const ms = Date.now() - started;
    sandbox.admin.setFaults({});
    return { report: await checkExactlyOnce(iam, queued), stats, ms };
  } finally {
    await sandbox.close();
  }
}

async function main() {
  const names = [randomDatabaseName("gatehouse_bench_load"), randomDatabaseName("gatehouse_bench_once")];
  const created: string[] = [];
  try {
    const loadUrl = await createDatabase(SERVER, names[0]);
    created.push(names[0]);
    const onceUrl = await createDatabase(SERVER, names[1]);
    created.push(names[1]);
    await migrate(loadUrl);
    await migrate(onceUrl);
    const { paced, flat } = PHASES.includes("load")
      ? await loadPhase(loadUrl)
      : { paced: skipped, flat: skipped };
    const errors = (r: Result) => r.errors + r.timeouts + r.non2xx;
    console.log(
      `${SESSIONS} sessions, ${SECONDS} s at ${Math.round(SESSIONS / 0.8)} req/s (review page : progress polls = 1 : 4): p50 ${paced.latency.p50} ms, p99 ${paced.latency.p99} ms, max ${paced.latency.max} ms, ${paced.requests.total} requests, ${errors(paced)} errors`,
    );
    const codes = (r: Result) =>
      Object.entries(r.statusCodeStats)
        .map(([c, v]) => `${c}×${v.count}`)
        .join(", ");
    console.log(
      `  status codes: ${codes(paced)}; timeouts ${paced.timeouts}, socket errors ${paced.errors - paced.timeouts}`,
    );
    console.log(
      `unpaced (15 s): ${Math.round(flat.requests.average)} req/s, p50 ${flat.latency.p50} ms, p99 ${flat.latency.p99} ms, ${errors(flat)} errors`,
    );
    const once = PHASES.includes("once")
      ? await exactlyOncePhase(onceUrl)
      : {
          report: {
            requests: 0,
            succeeded: 0,
            stepRows: 0,
            stepsDone: 0,
            stepsSkipped: 0,
            stepDoneEvents: 0,
            duplicateStepEvents: NaN,
            stepEventMismatches: 0,
            stateMismatches: 0,
            chainOk: false,
            chainEntries: 0,
          },
          stats: [],
          ms: 0,
        };
    const r = once.report;
    console.log(
      `two executors, ${r.requests} queued requests, 30 % throttling + 5 % failures: ${r.succeeded} succeeded in ${Math.round(once.ms / 1000)} s; steps ${r.stepRows} (${r.stepsDone} done, ${r.stepsSkipped} skipped), step.done entries ${r.stepDoneEvents}, duplicates ${r.duplicateStepEvents}, mismatches ${r.stepEventMismatches}, sandbox mismatches ${r.stateMismatches}; chain ${r.chainOk ? "verifies" : "BROKEN"} (${r.chainEntries} entries)`,
    );
    console.log(
      `executors: ${once.stats.map((s) => `${s.holder} ran ${s.executed} + ${s.retried} retries, refused ${s.refused}`).join("; ")}`,
    );
    console.log(
      JSON.stringify({
        sessions: SESSIONS,
        seconds: SECONDS,
        p50_ms: paced.latency.p50,
        p99_ms: paced.latency.p99,
        errors: errors(paced),
        requests: paced.requests.total,
        unpaced_rps: Math.round(flat.requests.average),
        unpaced_p99_ms: flat.latency.p99,
        unpaced_errors: errors(flat),
        queued: QUEUED,
        exactly_once_succeeded: r.succeeded,
        exactly_once_duplicates: r.duplicateStepEvents + r.stepEventMismatches + r.stateMismatches,
        step_rows: r.stepRows,
        step_done_events: r.stepDoneEvents,
        steps_done: r.stepsDone,
        chain_ok: r.chainOk,
        exactly_once_s: Math.round(once.ms / 1000),
      }),
    );
  } finally {
    for (const name of created)
      await dropDatabase(SERVER, name).catch((e: unknown) => console.error(`could not drop ${name}:`, e));
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

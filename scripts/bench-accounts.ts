// npm run bench:accounts — the review's sync of every account of an organization (issue 15,
// "Speed"): the IAM sandbox in its own process (auth on) holding 20 accounts × 1,000 users, the
// app signing as the management account's gatehouse-app, the members discovered from AWS
// Organizations and reached by AssumeRole of GatehouseMember, as the app runs in live mode.
// syncAccounts() with its bounded parallelism, against the same with concurrency 1 in the same
// run; each from a fresh database state (no snapshot: a full read of every account) and with no
// cached role sessions (as an instance starts). Then a person present in 10 accounts (a fully
// loaded user in each) is offboarded in one click, from the click to every account verified.
// Last line: {"sync_ms", "serial_ms", "accounts", "users", "calls_per_account", "offboard_ms",
// "offboard_accounts"}.
import os from "node:os";
import path from "node:path";
import { sandboxAdmin, sandboxAppCredentials } from "@/lib/iam-sandbox/admin-client";
import { CreateGroupCommand } from "@aws-sdk/client-iam";
import { createLoadedUser, LOADED_GROUPS } from "@/lib/changes/testing/loaded-user";
import { organizationAdmin } from "@/lib/aws-accounts/testing";
import { SANDBOX_ROOT_CREDENTIALS } from "@/lib/iam/create-clients";
import { freshBenchDatabase, startSandboxProcess } from "./support";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 20);
const USERS = Number(process.env.BENCH_USERS ?? 1000);
// Groups and policies per account in the review bench's proportions (5,000 / 300 / 1,500).
const SIZE = { users: USERS, groups: Math.round(USERS * 0.06), policies: Math.round(USERS * 0.3) };
/** Accounts synced at once in the timed run; unset = syncAccounts()'s own default. */
const CONCURRENCY = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined;
const TARGET_MS = 10_000;
const OFFBOARD_ACCOUNTS = Math.min(10, ACCOUNTS - 1);
const OFFBOARD_TARGET_MS = 3_000;
const root = path.resolve(__dirname, "..");
const actor = { id: "bench", email: "bench-admin@example.com", name: "Bench Admin", role: "admin" as const };

async function main() {
  const database = await freshBenchDatabase("accounts"); // before the first db() call
  const sandbox = await startSandboxProcess(root, "empty");
  try {
    const t0 = performance.now();
    const reset = await sandboxAdmin(sandbox.url, sandbox.token, "reset", {
      seed: { ...SIZE, seed: 1, accounts: ACCOUNTS },
    });
    const health = (await reset.json()) as { accounts: { accountId: string; users: number }[] };
    if (!reset.ok || health.accounts.length !== ACCOUNTS)
      throw new Error(`the sandbox holds ${health.accounts?.length} accounts, not ${ACCOUNTS}`);
    console.log(
      `sandbox: ${ACCOUNTS} accounts × ${SIZE.users} users / ${SIZE.groups} groups / ${SIZE.policies} policies, generated in ${Math.round(performance.now() - t0)} ms`,
    );
    // The app signs as gatehouse-app (set before the app's env() is first read).
    const app = await sandboxAppCredentials(sandbox.url, sandbox.token);
    Object.assign(process.env, {
      IAM_MODE: "sandbox",
      IAM_SANDBOX_ENDPOINT: sandbox.url,
      IAM_SANDBOX_ACCESS_KEY_ID: app.accessKeyId,
      IAM_SANDBOX_SECRET_ACCESS_KEY: app.secretAccessKey,
    });
    const { db } = await import("@/lib/db");
    const { discoverAccounts, memberClients, activeAccounts } = await import("@/lib/aws-accounts");
    const { syncAccounts } = await import("@/lib/review");
    await discoverAccounts(actor);
    const accounts = await activeAccounts();
    if (accounts.length !== ACCOUNTS)
      throw new Error(`discovered ${accounts.length} accounts, not ${ACCOUNTS}`);

    /** No snapshot (so a full read) and no cached session (so each member's AssumeRole again). */
    const freshState = async () => {
      await db().syncSnapshot.deleteMany({}); // and their drift findings (cascade)
      for (const a of accounts)
        if (a.roleArn) memberClients().forget({ roleArn: a.roleArn, externalId: a.externalId });
    };
    const timedSync = async (concurrency: number | undefined) => {
      await freshState();
      const s0 = performance.now();
      const cpu0 = process.cpuUsage();
      const outcomes = await syncAccounts({ concurrency, freshWithinMs: 0, instance: "bench" });
      const ms = performance.now() - s0;
      const cpu = process.cpuUsage(cpu0);
      const appCpuMs = (cpu.user + cpu.system) / 1000;
      const bad = outcomes.filter((o) => o.outcome !== "synced");
      if (outcomes.length !== ACCOUNTS || bad.length)
        throw new Error(
          `not every account synced: ${bad.map((o) => `${o.accountId} ${o.outcome} ${o.error ?? ""}`).join("; ")}`,
        );
      const each = outcomes.map((o) => o.finishedAt.getTime() - o.startedAt.getTime()).sort((a, b) => a - b);
      return { ms, appCpuMs, outcomes, each };
    };
    /** Wall time, this process's CPU in it (the sandbox's is its own), and each account's sync. */
    const about = (r: { ms: number; appCpuMs: number; each: number[] }) =>
      `${Math.round(r.ms)} ms (app CPU ${Math.round(r.appCpuMs)} ms), per account ${r.each[0]}–${r.each[r.each.length - 1]} ms (median ${r.each[Math.floor(r.each.length / 2)]})`;

    // An untimed run first, so JIT and connection warm-up land on neither figure.
    const warm = await timedSync(CONCURRENCY);
    console.log(`warm-up: ${about(warm)}`);
    const parallel = await timedSync(CONCURRENCY);
    const snapshots = await db().syncSnapshot.findMany({ select: { accountId: true, counts: true } });
    const serial = await timedSync(1);

    const offboard = await offboardAcross(
      sandbox.url,
      accounts
        .filter((a) => a.source !== "home")
        .slice(0, OFFBOARD_ACCOUNTS)
        .map((a) => a.id),
    );

    const counts = snapshots.map((s) => s.counts as { users: number; calls: Record<string, number> });
    const users = counts.reduce((n, c) => n + c.users, 0);
    const callsOf = (c: { calls: Record<string, number> }) =>
      Object.values(c.calls).reduce((a, b) => a + b, 0);
    const perAccount = counts.map(callsOf).sort((a, b) => a - b);
    const callsPerAccount = perAccount[Math.floor(perAccount.length / 2)];
    const ops = new Map<string, number>();
    for (const c of counts)
      for (const [op, n] of Object.entries(c.calls)) ops.set(op, (ops.get(op) ?? 0) + n);
    const concurrency = CONCURRENCY ?? 4;

    const rows: [string, string][] = [
      ["accounts", String(ACCOUNTS)],
      ["users (all accounts)", users.toLocaleString("en")],
      [`sync_ms (${concurrency} accounts at once)`, about(parallel)],
      ["serial_ms (one account at a time)", about(serial)],
      ["speed-up", `${(serial.ms / parallel.ms).toFixed(1)}×`],
      [
        "IAM calls per account",
        `${callsPerAccount} (min ${perAccount[0]}, max ${perAccount[perAccount.length - 1]}; plus one AssumeRole per member)`,
      ],
      ["IAM calls by operation (all accounts)", [...ops].map(([op, n]) => `${op} ${n}`).join(", ")],
      [
        "load average (1/5/15 min)",
        os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(" / "),
      ],
      ["target", `sync_ms <= ${TARGET_MS}: ${parallel.ms <= TARGET_MS ? "met" : "MISSED"}`],
      [
        `offboard_ms (a person in ${offboard.accounts} accounts, one click)`,
        `${Math.round(offboard.ms)} ms, ${offboard.steps} steps, click to every account verified`,
      ],
      [
        "target",
        `offboard_ms <= ${OFFBOARD_TARGET_MS}: ${offboard.ms <= OFFBOARD_TARGET_MS ? "met" : "MISSED"}`,
      ],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
    console.log(
      JSON.stringify({
        sync_ms: Math.round(parallel.ms),
        serial_ms: Math.round(serial.ms),
        accounts: ACCOUNTS,
        users,
        calls_per_account: callsPerAccount,
        offboard_ms: Math.round(offboard.ms),
        offboard_accounts: offboard.accounts,
      }),
    );
    await db().$disconnect();
  } finally {
    sandbox.stop();
    database.remove();
  }
}

/**
 * A leaver with everything IAM can hang on a user in each of these accounts (set up by the
 * organization's administrator), offboarded in one click by an admin: plan from live reads in
 * every account, request, approval, execution, each account's removal verified.
 */
async function offboardAcross(url: string, accountIds: string[]) {
  const userName = "bench-leaver";
  await Promise.all(
    accountIds.map(async (id, i) => {
      const admin = await organizationAdmin({ url, rootCredentials: SANDBOX_ROOT_CREDENTIALS }, id);
      // the job-role groups a loaded user is a member of (a generated account has its own)
      for (const GroupName of LOADED_GROUPS)
        await admin.iam.send(new CreateGroupCommand({ GroupName })).catch(() => undefined);
      await createLoadedUser(admin.iam, userName, ((i % 3) + 1) as 1 | 2 | 3);
    }),
  );
  const { db } = await import("@/lib/db");
  const { requestApproveAndStart } = await import("@/lib/changes");
  // Approvals count only for active admins on the team (lib/changes/rules.ts).
  await db().member.create({
    data: { id: actor.id, email: actor.email, name: actor.name, role: actor.role },
  });
  const t0 = performance.now();
  const { request, finished } = await requestApproveAndStart(
    "user.offboard",
    { userName, accounts: accountIds },
    actor,
  );
  const outcome = await finished;
  const ms = performance.now() - t0;
  if (outcome !== "succeeded")
    throw new Error(`offboarding across ${accountIds.length} accounts: ${outcome}`);
  return { ms, accounts: accountIds.length, steps: request.steps.length };
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

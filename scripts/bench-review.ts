// npm run bench:review — the access review's sync against the IAM sandbox seeded with 500,
// 5,000 and 20,000 users, beside a naive per-user approach measured in the same run.
// The sandbox runs in its own process (as IAM would be remote), so its CPU is not ours.
// Last line: a JSON array with one object per size.
import path from "node:path";
import { loadCatalog } from "@/lib/policy";
import { countedSandboxClients } from "@/lib/review/testing";
import { sandboxAdmin } from "@/lib/iam-sandbox/admin-client";
import { naiveGroups, naiveUserNames, naiveUsers } from "./bench-review-naive";
import { freshBenchDatabase, startSandboxProcess } from "./support";

const SIZES = [
  { users: 500, groups: 30, policies: 150 },
  { users: 5000, groups: 300, policies: 1500 },
  { users: 20000, groups: 300, policies: 1500 },
];
// The naive approach is measured on at most this many users per size and scaled to N (said in the output).
const NAIVE_SUBSET = Number(process.env.NAIVE_SUBSET ?? 500);
const SYNC_RUNS = Math.max(1, Number(process.env.SYNC_RUNS ?? 3));
const root = path.resolve(__dirname, "..");

async function main() {
  const database = await freshBenchDatabase("review"); // before the first db() call
  const { db } = await import("@/lib/db");
  const { runSync, latestSnapshotInfo, loadSnapshot } = await import("@/lib/review");
  const { matrixRows } = await import("@/lib/review/matrix-view");
  const catalog = await loadCatalog();

  const sandbox = await startSandboxProcess(root, "empty");
  const endpoint = sandbox.url;
  const results: Record<string, number | string | number[]>[] = [];
  try {
    // One untimed sync first, so JIT and connection warm-up do not land on the first size.
    await sandboxAdmin(endpoint, sandbox.token, "reset", { seed: "example-company" });
    await runSync({ iam: countedSandboxClients(endpoint).iam, source: "bench-warmup", catalog });
    for (const size of SIZES) {
      const reset = await sandboxAdmin(endpoint, sandbox.token, "reset", { seed: { ...size, seed: 1 } });
      const health = (await (await sandboxAdmin(endpoint, sandbox.token, "health")).json()) as {
        users: number;
      };
      if (!reset.ok || health.users !== size.users) {
        const reason = `the sandbox holds ${health.users} users, not ${size.users}: it enforces IAM's UsersPerAccount quota (5,000)`;
        console.log(`${size.users} users: skipped — ${reason}`);
        results.push({ users: size.users, skipped: reason });
        continue;
      }
      // The sync is timed SYNC_RUNS times, each from an empty snapshot table (a first sync: no
      // previous state, no per-user extras), and the median is the figure: one run on a shared
      // 2-CPU machine swings by ±30 %. Calls are counted on the first run.
      const runs: number[] = [];
      let sync!: Awaited<ReturnType<typeof runSync>>;
      let callsSent = 0;
      let clients!: ReturnType<typeof countedSandboxClients>;
      for (let run = 0; run < SYNC_RUNS; run++) {
        await db().syncSnapshot.deleteMany({});
        const counted = countedSandboxClients(endpoint);
        const t0 = performance.now();
        const result = await runSync({ iam: counted.iam, sts: counted.sts, source: "bench", catalog });
        runs.push(performance.now() - t0);
        if (run === 0) {
          sync = result;
          clients = counted;
          callsSent = Object.values(counted.sent).reduce((a, b) => a + b, 0);
        }
      }
      const sorted = [...runs].sort((a, b) => a - b);
      const syncComputeMs = sorted[Math.floor(sorted.length / 2)];

      // Review page: the server work behind the first byte of the matrix (decode snapshot cold,
      // then warm: join people, filter, first page of rows as JSON). In-process, without HTTP.
      const info = (await latestSnapshotInfo())!;
      const c0 = performance.now();
      const cold = (await loadSnapshot(info.id))!;
      const firstPage = (s: typeof cold) => JSON.stringify(matrixRows(s, [], new Map(), {}).slice(0, 500));
      firstPage(cold);
      const coldMs = performance.now() - c0;
      const w0 = performance.now();
      firstPage((await loadSnapshot(info.id))!);
      const warmMs = performance.now() - w0;

      // Naive: per-user List*/Get* + per-user evaluation, on a subset, scaled to N. Measured as a
      // plain loop over users (the headline) and with 8 users in flight (reported beside it).
      const naive = async (concurrency: number) => {
        const counter = { calls: 0 };
        const n0 = performance.now();
        const names = await naiveUserNames(clients.iam, counter);
        const groups = await naiveGroups(clients.iam, counter, concurrency);
        const fixedMs = performance.now() - n0;
        const fixedCalls = counter.calls;
        const subset = names.slice(0, Math.min(NAIVE_SUBSET, names.length));
        const u0 = performance.now();
        await naiveUsers(clients.iam, counter, catalog, subset, groups, concurrency);
        const scale = names.length / subset.length;
        return {
          ms: fixedMs + (performance.now() - u0) * scale,
          calls: Math.round(fixedCalls + (counter.calls - fixedCalls) * scale),
          measured: subset.length,
          scale,
        };
      };
      const sequential = await naive(1);
      const parallel = await naive(8);

      const row = {
        users: size.users,
        groups: size.groups,
        policies: size.policies,
        iam_list_calls: sync.counts.listCalls,
        iam_calls_total: callsSent,
        list_call_budget: Math.ceil(size.users / 1000) + 3,
        sync_compute_ms: Math.round(syncComputeMs),
        sync_runs_ms: runs.map(Math.round),
        compute_ms: sync.counts.computeMs,
        naive_ms: Math.round(sequential.ms),
        naive_iam_calls: sequential.calls,
        naive_measured_users: sequential.measured,
        speedup: Math.round((sequential.ms / syncComputeMs) * 10) / 10,
        naive_parallel_ms: Math.round(parallel.ms),
        speedup_vs_parallel: Math.round((parallel.ms / syncComputeMs) * 10) / 10,
        page_ttfb_ms: Math.round(warmMs),
        page_cold_ms: Math.round(coldMs),
      };
      results.push(row);
      console.log(
        `${size.users} users / ${size.groups} groups / ${size.policies} policies: ${row.iam_list_calls} list calls (budget ${row.list_call_budget}, ${callsSent} IAM calls in all), ` +
          `sync+compute ${row.sync_compute_ms} ms (median of ${runs.length}: ${row.sync_runs_ms.join("/")}; compute ${row.compute_ms} ms), page first byte ${row.page_ttfb_ms} ms warm / ${row.page_cold_ms} ms cold; ` +
          `naive ${row.naive_ms} ms with ~${sequential.calls} IAM calls (measured on ${sequential.measured} users, scaled ×${sequential.scale.toFixed(1)}) → ${row.speedup}× faster (naive with 8 users in flight: ${row.naive_parallel_ms} ms, ${row.speedup_vs_parallel}×)`,
      );
    }
  } finally {
    sandbox.stop();
    await db().$disconnect();
    database.remove();
  }
  console.log(JSON.stringify(results));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

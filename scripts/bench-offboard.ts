// npm run bench:offboard — one-click offboarding of a fully loaded user (2 keys, password,
// enabled virtual MFA, SSH key, certificate, service credential, 3 groups, 2 attached and 2
// inline policies) against the IAM sandbox in its own process, on a fresh SQLite database:
// from the click (plan from live reads, request, approval) to the verified end.
// Last line: {"offboard_ms": …, "iam_calls": …}.
import path from "node:path";
import pino from "pino";
import { countedSandboxClients } from "@/lib/review/testing";
import { createLoadedUser } from "@/lib/changes/testing/loaded-user";
import { freshBenchDatabase, startSandboxProcess } from "./support";

const root = path.resolve(__dirname, "..");
const RUNS = Number(process.env.OFFBOARD_RUNS ?? 3);

async function main() {
  const database = await freshBenchDatabase("offboard"); // before the first db() call
  const { configureChanges, requestApproveAndStart } = await import("@/lib/changes");
  const sandbox = await startSandboxProcess(root, "example-company");
  const endpoint = sandbox.url;
  try {
    const counted = countedSandboxClients(endpoint);
    const setup = countedSandboxClients(endpoint).iam;
    configureChanges({
      iam: async () => counted.iam,
      logger: () => pino({ level: "silent" }),
      accountId: async () => "123456789012",
    });
    const admin = {
      id: "bench",
      email: "bench-admin@example.com",
      name: "Bench Admin",
      role: "admin" as const,
    };
    // Approvals count only for active admins on the team (lib/changes/rules.ts).
    const { db } = await import("@/lib/db");
    await db().member.create({
      data: { id: admin.id, email: admin.email, name: admin.name, role: admin.role },
    });
    const runs: { ms: number; calls: number; steps: number }[] = [];
    // Run 0 is a warm-up (JIT, connections, first queries) and is not counted.
    for (let run = 0; run <= RUNS; run++) {
      const userName = `bench-leaver-${run}`;
      await createLoadedUser(setup, userName, ((run % 3) + 1) as 1 | 2 | 3);
      counted.reset();
      const t0 = performance.now();
      const { request, finished } = await requestApproveAndStart("user.offboard", { userName }, admin);
      const outcome = await finished;
      const ms = performance.now() - t0;
      if (outcome !== "succeeded") throw new Error(`run ${run}: ${outcome}`);
      const calls = Object.values(counted.sent).reduce((a, b) => a + b, 0);
      if (run === 0) {
        console.log(`warm-up: ${ms.toFixed(0)} ms, ${calls} IAM calls, ${request.steps.length} steps`);
        continue;
      }
      runs.push({ ms, calls, steps: request.steps.length });
      console.log(
        `run ${run}: ${ms.toFixed(0)} ms, ${calls} IAM calls (${Object.entries(counted.sent)
          .map(([op, n]) => `${op} ${n}`)
          .join(", ")}), ${request.steps.length} steps`,
      );
    }
    const median = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
    console.log(
      `median of ${runs.length}: ${median.ms.toFixed(0)} ms, ${median.calls} IAM calls (target <= 1000 ms)`,
    );
    console.log(JSON.stringify({ offboard_ms: Math.round(median.ms), iam_calls: median.calls }));
  } finally {
    sandbox.stop();
    database.remove();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import path from "node:path";
import { startSandbox } from "./index";
import { tightenPrivateDir } from "../private-files";
import type { FaultConfig } from "./faults";
import { SEED_NAMES, type SeedSpec } from "./seeds";

const HELP = `IAM sandbox: a local AWS IAM Query API, STS and CloudTrail LookupEvents on 127.0.0.1.

Usage: npm run sandbox -- [options]
  --port N                 listen port (default: $IAM_SANDBOX_PORT or 4580)
  --state FILE             state file (default .data/iam-sandbox.json)
  --memory                 keep nothing on disk
  --reset                  ignore the saved state and start from the seed
  --seed NAME              example-company (default) | example-org | empty
                           example-org: an AWS Organization of four accounts (README, "Organization")
  --users N --groups M --policies K [--random-seed S] [--accounts N]
                           generate a realistic org instead (deterministic per seed); with
                           --accounts N (N > 1), an organization of N accounts of that size each
  --account-id ID          12-digit account id (default 123456789012)
  --throttle-rate R        0..1, share of requests answered 400 Throttling
  --failure-rate R         0..1, share answered 500 ServiceFailure
  --unmodifiable-rate R    0..1, share of writes answered 409 EntityTemporarilyUnmodifiable
  --concurrent-modification-rate R
                           0..1, share of writes answered 409 ConcurrentModification
  --latency-ms N           delay added to every request
  --consistency-delay-ms N new entities stay invisible for N ms
  --fault-seed S           make the fault sequence repeatable
  --auth on|off            on (default): every request must be signed (SigV4) by the root's key,
                           an active user key or a session, and the caller's policies decide;
                           off: signatures are not checked and every caller acts as root
The root's key pair is AWS's documented example (AKIAIOSFODNN7EXAMPLE), or
$IAM_SANDBOX_ROOT_ACCESS_KEY_ID with $IAM_SANDBOX_ROOT_SECRET_ACCESS_KEY.

The admin endpoint (/_sandbox/*) needs "Authorization: Bearer <token>": the token is
$IAM_SANDBOX_ADMIN_TOKEN (at least 16 characters) or, without it, a new random one that is
printed at start.
`;

function num(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      state: { type: "string" },
      memory: { type: "boolean" },
      reset: { type: "boolean" },
      seed: { type: "string" },
      users: { type: "string" },
      groups: { type: "string" },
      policies: { type: "string" },
      "random-seed": { type: "string" },
      accounts: { type: "string" },
      "account-id": { type: "string" },
      "throttle-rate": { type: "string" },
      "failure-rate": { type: "string" },
      "unmodifiable-rate": { type: "string" },
      "concurrent-modification-rate": { type: "string" },
      "latency-ms": { type: "string" },
      "consistency-delay-ms": { type: "string" },
      "fault-seed": { type: "string" },
      auth: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = num(values.port ?? process.env.IAM_SANDBOX_PORT, "--port") ?? 4580;
  let seed: SeedSpec = (values.seed as SeedSpec | undefined) ?? "example-company";
  if (!(SEED_NAMES as readonly string[]).includes(seed as string))
    throw new Error(`--seed must be one of ${SEED_NAMES.join(", ")}`);
  if (values.users || values.groups || values.policies) {
    seed = {
      users: num(values.users, "--users") ?? 0,
      groups: num(values.groups, "--groups") ?? 0,
      policies: num(values.policies, "--policies") ?? 0,
      seed: num(values["random-seed"], "--random-seed") ?? 1,
      accounts: num(values.accounts, "--accounts"),
    };
  }
  const faults: FaultConfig = {
    throttleRate: num(values["throttle-rate"], "--throttle-rate"),
    failureRate: num(values["failure-rate"], "--failure-rate"),
    unmodifiableRate: num(values["unmodifiable-rate"], "--unmodifiable-rate"),
    concurrentModificationRate: num(values["concurrent-modification-rate"], "--concurrent-modification-rate"),
    latencyMs: num(values["latency-ms"], "--latency-ms"),
    consistencyDelayMs: num(values["consistency-delay-ms"], "--consistency-delay-ms"),
    seed: num(values["fault-seed"], "--fault-seed"),
  };
  for (const k of Object.keys(faults) as (keyof FaultConfig)[]) if (faults[k] === undefined) delete faults[k];
  const adminToken = process.env.IAM_SANDBOX_ADMIN_TOKEN || randomBytes(24).toString("base64url");
  if (adminToken.length < 16) throw new Error("IAM_SANDBOX_ADMIN_TOKEN must be at least 16 characters");
  const stateFile = values.memory ? undefined : (values.state ?? ".data/iam-sandbox.json");
  if (stateFile === ".data/iam-sandbox.json") tightenPrivateDir(path.resolve(".data")); // one made before 0700/0600
  if (values.auth !== undefined && values.auth !== "on" && values.auth !== "off")
    throw new Error("--auth must be on or off");
  const rootKey = process.env.IAM_SANDBOX_ROOT_ACCESS_KEY_ID;
  const rootSecret = process.env.IAM_SANDBOX_ROOT_SECRET_ACCESS_KEY;
  if (!rootKey !== !rootSecret)
    throw new Error(
      "set both IAM_SANDBOX_ROOT_ACCESS_KEY_ID and IAM_SANDBOX_ROOT_SECRET_ACCESS_KEY, or neither",
    );
  const sandbox = await startSandbox({
    rootCredentials:
      rootKey && rootSecret ? { accessKeyId: rootKey, secretAccessKey: rootSecret } : undefined,
    auth: values.auth as "on" | "off" | undefined,
    port,
    host: "127.0.0.1",
    seed,
    stateFile,
    reset: values.reset,
    accountId: values["account-id"],
    faults,
    adminToken,
  });
  const h = sandbox.admin.health();
  console.log(
    `IAM sandbox listening on ${sandbox.url} (account ${h.accountId}, ${h.users} users, ${h.groups} groups, ` +
      `${h.policies} policies; state ${stateFile ?? "in memory only"})`,
  );
  if (h.organizationId)
    console.log(
      `  organization ${h.organizationId}: ` +
        h.accounts.map((a) => `${a.name} ${a.accountId} (${a.users} users)`).join(", "),
    );
  console.log(`  aws --endpoint-url ${sandbox.url} iam list-users`);
  if (values.auth !== "off")
    console.log(
      `  signatures checked; root: AWS_ACCESS_KEY_ID=${sandbox.rootCredentials.accessKeyId} ` +
        `AWS_SECRET_ACCESS_KEY=${sandbox.rootCredentials.secretAccessKey}`,
    );
  if (!process.env.IAM_SANDBOX_ADMIN_TOKEN)
    console.log(
      `  admin endpoint: curl -H 'Authorization: Bearer ${adminToken}' ${sandbox.url}/_sandbox/health`,
    );
  const stop = async () => {
    await sandbox.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

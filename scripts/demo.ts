// `npm run demo`: one command from a fresh clone. Prepares the embedded database, creates the
// first admin, starts the IAM sandbox seeded with the example company's AWS Organization
// (example-org: a management account and three members), adds the members to Gatehouse's
// AWS accounts from Organizations, builds and serves the app on http://127.0.0.1:3000, and
// prints how to sign in. Ctrl-C stops everything it started.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { createDb } from "@/lib/db";
import { ensureBootstrapAdmin } from "@/lib/auth/bootstrap";
import { seedExampleCompany } from "@/lib/templates/seed-example";
import { ensurePrivateDir, secretFile, tightenPrivateDir } from "@/lib/private-files";
import { DEV_AUDIT_KEY_FILE } from "@/lib/audit/keys";
import { EXAMPLE_ORG_ACCOUNTS, sandboxAppCredentials } from "@/lib/iam-sandbox";
import { nextStartCommand, sandboxToken, waitFor } from "./support";

const root = path.resolve(__dirname, "..");
const dataDir = path.join(root, ".data");
const APP_PORT = Number(process.env.PORT ?? 3000);
const SANDBOX_PORT = Number(process.env.IAM_SANDBOX_PORT ?? 4580);
const appUrl = `http://127.0.0.1:${APP_PORT}`;
const children: ChildProcess[] = [];
const sandboxAdminToken = process.env.IAM_SANDBOX_ADMIN_TOKEN || sandboxToken();

function step(message: string) {
  console.log(`\n▸ ${message}`);
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net
      .createServer()
      .once("error", () => resolve(false))
      .once("listening", () => server.close(() => resolve(true)));
    server.listen(port, "127.0.0.1");
  });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status})`);
}

function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
}

async function main() {
  // Member hashes, the audit log and key, the sandbox's secrets: 0700 / 0600, also for a .data
  // made by an earlier version (0755 / 0644).
  ensurePrivateDir(dataDir);
  tightenPrivateDir(dataDir);
  const live = process.env.IAM_MODE === "live";
  const ports: [number, string][] = [
    [APP_PORT, "the app"],
    ...(live ? [] : [[SANDBOX_PORT, "the IAM sandbox"] as [number, string]]),
  ];
  for (const [port, what] of ports) {
    if (!(await portFree(port)))
      throw new Error(
        `Port ${port} (for ${what}) is in use. Stop whatever uses it, or set ${port === APP_PORT ? "PORT" : "IAM_SANDBOX_PORT"}.`,
      );
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: process.env.DATABASE_URL ?? `file:${path.join(dataDir, "gatehouse.db")}`,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? appUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secretFile(path.join(dataDir, "nextauth-secret")),
    // The audit log's HMAC key, outside the database (the same file lib/audit/keys.ts falls back to in development).
    AUDIT_KEY: process.env.AUDIT_KEY ?? secretFile(DEV_AUDIT_KEY_FILE()),
    IAM_MODE: live ? "live" : "sandbox",
    IAM_SANDBOX_ENDPOINT: process.env.IAM_SANDBOX_ENDPOINT ?? `http://127.0.0.1:${SANDBOX_PORT}`,
  };

  step("Preparing the database");
  run("npm", ["run", "--silent", "db:migrate"], env);
  const database = createDb(env.DATABASE_URL!);
  const admin = await ensureBootstrapAdmin(database, {
    email: process.env.ADMIN_EMAIL,
    password: process.env.ADMIN_PASSWORD,
    generate: true,
  });
  // The job roles' groups are where example-org has them; the accountant's in Gatehouse's own account.
  const { production, staging, sandbox } = EXAMPLE_ORG_ACCOUNTS;
  const jobRoleAccounts = {
    DevOps: [production, staging, sandbox],
    "Web developer": [production, staging],
    "Mobile developer": [production],
  };
  if (!live && (await seedExampleCompany(database, "123456789012", jobRoleAccounts)))
    console.log("  Added the example company: 6 people, 4 job roles, 4 policy templates.");
  await database.$disconnect();

  if (!live) {
    step(`Starting the IAM sandbox on 127.0.0.1:${SANDBOX_PORT} (the example company's organization)`);
    // The admin token goes to the sandbox only (the app never calls /_sandbox/*); it is printed below.
    const sandbox = spawn(
      path.join(root, "node_modules/.bin/tsx"),
      ["lib/iam-sandbox/cli.ts", "--port", String(SANDBOX_PORT), "--seed", "example-org"],
      {
        cwd: root,
        env: { ...env, IAM_SANDBOX_ADMIN_TOKEN: sandboxAdminToken },
        stdio: "inherit",
      },
    );
    children.push(sandbox);
    await waitFor(`http://127.0.0.1:${SANDBOX_PORT}/_sandbox/health`, 30_000, {
      authorization: `Bearer ${sandboxAdminToken}`,
    });
    // The app signs as the seeded least-privilege gatehouse-app user, not as root: the demo runs
    // under exactly the policy a live account would give it. Its key goes to the app's
    // environment only; it is neither printed nor written anywhere.
    const app = await sandboxAppCredentials(`http://127.0.0.1:${SANDBOX_PORT}`, sandboxAdminToken).catch(
      () => undefined,
    );
    if (app) {
      env.IAM_SANDBOX_ACCESS_KEY_ID = app.accessKeyId;
      env.IAM_SANDBOX_SECRET_ACCESS_KEY = app.secretAccessKey;
      console.log(`  The app signs as ${app.arn} (only the app policy).`);
    } else
      console.log(
        "  ⚠ The saved sandbox state has no gatehouse-app user (an earlier version made it): the app signs as\n" +
          "    the sandbox's root. Delete .data/iam-sandbox.json to start from the seed.",
      );
    await discoverMemberAccounts(env);
  }

  step("Building the app (production build)");
  run(path.join(root, "node_modules/.bin/next"), ["build"], env);

  step(`Starting the app on ${appUrl}`);
  const [node, startArgs] = nextStartCommand(root, APP_PORT);
  const app = spawn(node, startArgs, {
    cwd: root,
    env: { ...env, NODE_ENV: "production" },
    stdio: "inherit",
  });
  children.push(app);
  app.on("exit", (code) => {
    stopAll();
    process.exit(code ?? 0);
  });
  await waitFor(`${appUrl}/signin`, 60_000);

  const lines = [
    "",
    "Gatehouse is running.",
    `  Open       ${appUrl}`,
    `  IAM        ${live ? "LIVE AWS account (default credential chain)" : `sandbox at http://127.0.0.1:${SANDBOX_PORT} (admin endpoint token: ${sandboxAdminToken})`}`,
    admin.created
      ? `  Sign in    ${admin.email} / ${admin.generatedPassword ?? "(the ADMIN_PASSWORD you set)"}   ← one-time: you choose your own at first sign-in`
      : "  Sign in    with your existing member account (first-run admin: admin@example.com).\n             Lost the password? npm run admin -- reset-password admin@example.com",
    "  Stop       Ctrl-C",
    "",
  ];
  console.log(lines.join("\n"));
}

/**
 * The organization's member accounts, added as an admin would with "Discover from Organizations"
 * (audited as the first admin), once: a later demo run keeps what the admin has done since.
 */
async function discoverMemberAccounts(env: NodeJS.ProcessEnv) {
  const database = createDb(env.DATABASE_URL!);
  const known = await database.awsAccount.count({ where: { source: { not: "home" } } });
  const admin = await database.member.findFirst({ where: { role: "admin" }, orderBy: { createdAt: "asc" } });
  await database.$disconnect();
  if (known > 0 || !admin) return;
  // The app's modules read their configuration from process.env on first use (and import
  // `server-only`, stubbed by the tsconfig npm run demo names, as for the benchmarks).
  Object.assign(process.env, env);
  const { discoverAccounts } = await import("@/lib/aws-accounts");
  try {
    const found = await discoverAccounts({
      id: admin.id,
      email: admin.email,
      name: admin.name,
      role: "admin",
    });
    console.log(`  Added ${found.added.length} AWS accounts from the sandbox's AWS Organizations.`);
  } catch (e) {
    // A sandbox state saved by an earlier version holds one account: the demo still runs.
    console.log(`  ⚠ No accounts discovered: ${e instanceof Error ? e.message : e}`);
  }
}

process.on("SIGINT", () => {
  stopAll();
  process.exit(130);
});
process.on("SIGTERM", () => {
  stopAll();
  process.exit(143);
});

main().catch((e) => {
  console.error(`\n✖ ${e instanceof Error ? e.message : e}`);
  stopAll();
  process.exit(1);
});

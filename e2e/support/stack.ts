// Starts everything the browser tests need, on loopback only: a fresh SQLite database with the
// test members, the IAM sandbox, a real OIDC identity provider, and the production build of the
// app. Playwright runs this as its webServer and stops it when the run ends.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, rmSync } from "node:fs";
import path from "node:path";
import { createDb } from "@/lib/db";
import { ensurePrivateDir, PRIVATE_FILE_MODE } from "@/lib/private-files";
import { hashPassword } from "@/lib/auth/password";
import { allowsPassword } from "@/lib/auth/sign-in-method";
import { startSandbox } from "@/lib/iam-sandbox";
import { nextStartCommand } from "../../scripts/support";
import { startIdp } from "./oidc-idp";
import { PASSWORD, SANDBOX_TOKEN, STACK, USERS } from "../fixtures/users";

const root = path.resolve(__dirname, "../..");
const dataDir = path.join(root, ".data", "e2e");
const dbFile = path.join(dataDir, "gatehouse-e2e.db");
const databaseUrl = `file:${dbFile}`;
/** Everything the app prints, for the secret search (e2e/secret-search.spec.ts). */
const APP_LOG = path.join(dataDir, "app.log");

async function main() {
  rmSync(dataDir, { recursive: true, force: true });
  ensurePrivateDir(dataDir);
  const migrate = spawnSync("npm", ["run", "--silent", "db:migrate"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "inherit",
  });
  if (migrate.status !== 0) throw new Error("db:migrate failed");

  const db = createDb(databaseUrl);
  const passwordHash = await hashPassword(PASSWORD);
  for (const u of Object.values(USERS)) {
    const signInMethod = "signIn" in u ? u.signIn : "password";
    await db.member.create({
      data: {
        email: u.email,
        role: u.role,
        name: u.email.split("@")[0],
        signInMethod,
        passwordHash: allowsPassword(signInMethod) ? passwordHash : null,
      },
    });
  }
  await db.$disconnect();

  const sandbox = await startSandbox({
    port: STACK.sandboxPort,
    seed: "example-company",
    adminToken: SANDBOX_TOKEN,
  });
  // The app signs as the seeded least-privilege gatehouse-app user: every journey proves the app
  // policy is enough (resets keep its key, seeds/app-identity.ts).
  const appKey = sandbox.admin.appCredentials()!;
  const appUrl = `http://127.0.0.1:${STACK.appPort}`;
  const idp = await startIdp({
    port: STACK.idpPort,
    redirectUri: `${appUrl}/api/auth/callback/oidc`,
    clientId: STACK.clientId,
    clientSecret: STACK.clientSecret,
  });

  // The same server command line as npm start (scripts/support.ts), V8 flags included.
  const [node, startArgs] = nextStartCommand(root, STACK.appPort);
  const app = spawn(node, startArgs, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: STACK.authSecret,
      // A new audit key per run (never committed), and the anchor beside this run's database.
      AUDIT_KEY: randomBytes(32).toString("base64url"),
      AUDIT_ANCHOR_FILE: path.join(dataDir, "audit-anchor.log"),
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: STACK.clientId,
      OIDC_CLIENT_SECRET: STACK.clientSecret,
      OIDC_NAME: "Test IdP",
      IAM_MODE: "sandbox",
      IAM_SANDBOX_ENDPOINT: sandbox.url,
      IAM_SANDBOX_ACCESS_KEY_ID: appKey.accessKeyId,
      IAM_SANDBOX_SECRET_ACCESS_KEY: appKey.secretAccessKey,
      // review.spec syncs twice within a minute; the limit itself is tested in lib/review/sync-limits.db.test.ts.
      REVIEW_SYNC_COOLDOWN_SECONDS: "0",
      // info, so the secret search covers everything the app logs in normal operation.
      LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    },
  });
  teeAppOutput(app);

  const stop = async () => {
    app.kill("SIGTERM");
    await Promise.allSettled([sandbox.close(), idp.close()]);
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  app.on("exit", (code) => {
    console.error(`app exited with ${code}`);
    void Promise.allSettled([sandbox.close(), idp.close()]).then(() => process.exit(code ?? 1));
  });
}

/** All output to APP_LOG; on the console, as before, everything but pino's info/debug lines. */
function teeAppOutput(app: ReturnType<typeof spawn>) {
  const file = createWriteStream(APP_LOG, { flags: "a", mode: PRIVATE_FILE_MODE });
  for (const [stream, out] of [
    [app.stdout, process.stdout],
    [app.stderr, process.stderr],
  ] as const) {
    let rest = "";
    stream?.on("data", (chunk: Buffer) => {
      file.write(chunk);
      const lines = (rest + chunk.toString("utf8")).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) if (!/^\{"level":[1-3]\d,/.test(line)) out.write(`${line}\n`);
    });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

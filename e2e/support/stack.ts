// Starts everything the browser tests need, on loopback only: a fresh SQLite database with the
// test members, the IAM sandbox, a real OIDC identity provider, and the production build of the
// app. Playwright runs this as its webServer and stops it when the run ends.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { createDb } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { startSandbox } from "@/lib/iam-sandbox";
import { startIdp } from "./oidc-idp";
import { PASSWORD, STACK, USERS } from "../fixtures/users";

const root = path.resolve(__dirname, "../..");
const dataDir = path.join(root, ".data", "e2e");
const dbFile = path.join(dataDir, "gatehouse-e2e.db");
const databaseUrl = `file:${dbFile}`;

async function main() {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const migrate = spawnSync("npm", ["run", "--silent", "db:migrate"], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "inherit" });
  if (migrate.status !== 0) throw new Error("db:migrate failed");

  const db = createDb(databaseUrl);
  const passwordHash = await hashPassword(PASSWORD);
  for (const u of Object.values(USERS)) {
    await db.member.create({ data: { email: u.email, role: u.role, name: u.email.split("@")[0], passwordHash: "sso" in u ? null : passwordHash } });
  }
  await db.$disconnect();

  const sandbox = await startSandbox({ port: STACK.sandboxPort, seed: "example-company" });
  const appUrl = `http://127.0.0.1:${STACK.appPort}`;
  const idp = await startIdp({ port: STACK.idpPort, redirectUri: `${appUrl}/api/auth/callback/oidc`, clientId: STACK.clientId, clientSecret: STACK.clientSecret });

  const app = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(STACK.appPort)], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: STACK.authSecret,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: STACK.clientId,
      OIDC_CLIENT_SECRET: STACK.clientSecret,
      OIDC_NAME: "Test IdP",
      IAM_MODE: "sandbox",
      IAM_SANDBOX_ENDPOINT: sandbox.url,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
  });

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

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

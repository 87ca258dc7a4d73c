import { Writable } from "node:stream";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import pino from "pino";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { MemberClients, SessionCache } from "@/lib/aws-accounts";
import { createIamClients, type IamClients } from "@/lib/iam";
import { startSandbox, type Sandbox } from "@/lib/iam-sandbox";
import { setupAppDatabase } from "@/lib/test/app-db";
import type { TestDatabase } from "@/lib/test/db";
import { accountIam } from "../account-iam";
import { configureChanges, resetChangesConfig } from "../context";
import { registerFixtureKinds } from "./fixture-kinds";

// Integration tests run the engine as the app does — a real migrated database, the real sandbox
// over HTTP through the AWS SDK — with timers shortened and the log captured.

export const requester: Actor = {
  id: "m-olga",
  email: "olga@example.com",
  name: "Olga Operator",
  role: "operator",
};
export const ada: Actor = { id: "m-ada", email: "ada@example.com", name: "Ada Admin", role: "admin" };
export const bob: Actor = { id: "m-bob", email: "bob@example.com", name: "Bob Admin", role: "admin" };

export type Harness = {
  t: TestDatabase;
  sandbox: Sandbox;
  /** the app's clients: signed as the seeded least-privilege gatehouse-app user, as in the demo */
  clients: IamClients;
  /** the account root's clients, for what a test sets up outside Gatehouse */
  root: IamClients;
  /** Every line the engine logged, as written. */
  logLines: string[];
  /** The member accounts' clients and AssumeRole sessions, as lib/aws-accounts keeps them in the app. */
  members: MemberClients;
  /** The engine's clock (waits, wake-ups): real time moved by `advance`, reset before each test. */
  clock: { advance(ms: number): void; now(): Date };
};

/**
 * `seed: "example-org"` for tests across accounts: a step in an account with an AwsAccount row
 * runs with that account's role session, signed for by the app (gatehouse-app), as in the app.
 */
export function setupHarness(
  opts: { maxAttempts?: number; seed?: "example-company" | "example-org" } = {},
): Harness {
  let offsetMs = 0;
  const h = {
    t: setupAppDatabase(),
    logLines: [] as string[],
    clock: { advance: (ms: number) => void (offsetMs += ms), now: () => new Date(Date.now() + offsetMs) },
  } as Harness;
  beforeEach(() => {
    offsetMs = 0;
  });
  beforeAll(async () => {
    // Approvals count only for active admins on the team (lib/changes/rules.ts).
    for (const a of [requester, ada, bob])
      await h.t.db.member.create({ data: { id: a.id, email: a.email, name: a.name, role: a.role } });
    h.sandbox = await startSandbox({ port: 0, seed: opts.seed ?? "example-company" });
    const sandbox = { mode: "sandbox" as const, endpoint: h.sandbox.url, maxAttempts: opts.maxAttempts };
    const app = h.sandbox.admin.appCredentials();
    if (!app) throw new Error("the seed has no gatehouse-app user");
    h.clients = createIamClients({ ...sandbox, credentials: app });
    h.root = createIamClients({ ...sandbox, credentials: h.sandbox.rootCredentials });
    h.members = new MemberClients(() => sandbox, new SessionCache(() => h.clients.sts));
    const sink = new Writable({
      write(chunk, _enc, done) {
        h.logLines.push(String(chunk));
        done();
      },
    });
    configureChanges({
      iam: async (accountId, o) =>
        accountId ? accountIam(accountId, h.members, () => h.clients.iam, o) : h.clients.iam,
      logger: () => pinoLogger(sink),
      accountId: async () => (await h.clients.sts.send(new GetCallerIdentityCommand({}))).Account!,
      leaseMs: 2_000,
      backoffBaseMs: 20,
      backoffCapMs: 200,
      now: h.clock.now,
    });
    registerFixtureKinds();
  });
  afterAll(async () => {
    resetChangesConfig();
    await h.sandbox?.close();
  });
  return h;
}

let logger: pino.Logger | undefined;
function pinoLogger(sink: Writable): pino.Logger {
  logger ??= pino({ level: "trace", base: undefined }, sink);
  return logger;
}

// Test support for the engine's second processes (crash-child.ts, executor-child.ts): how a test
// starts one, and how a child configures the engine. A child runs as `node --import tsx` (one
// process, so a kill hits the executor) with TSX_TSCONFIG_PATH=lib/changes/testing/tsconfig.child.json
// (server-only stub).
import { spawn } from "node:child_process";
import path from "node:path";
import pino from "pino";
import { createIamClients } from "@/lib/iam";
import { configureChanges } from "../index";
import { registerFixtureKinds } from "./fixture-kinds";

const root = path.resolve(__dirname, "../../..");

/** Starts lib/changes/testing/<script>.ts from the repository root with `env` added to ours. */
export function spawnChild(script: "crash-child" | "executor-child", env: Record<string, string>) {
  return spawn(process.execPath, ["--import", "tsx", `lib/changes/testing/${script}.ts`], {
    cwd: root,
    env: { ...process.env, TSX_TSCONFIG_PATH: "lib/changes/testing/tsconfig.child.json", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** In a child: checks its environment, then points the engine at the sandbox with the fixture kinds. */
export function configureChildEngine<K extends string>(
  name: string,
  required: readonly K[],
  config: { leaseMs: number; backoffBaseMs?: number; backoffCapMs?: number },
): Record<K | "SANDBOX_URL", string> & NodeJS.ProcessEnv {
  const env = process.env;
  const missing = ["SANDBOX_URL", ...required].filter((k) => !env[k]);
  if (missing.length > 0)
    throw new Error(`${name} needs SANDBOX_URL, ${required.join(", ")} and DATABASE_URL`);
  registerFixtureKinds();
  const { iam } = createIamClients({ mode: "sandbox", endpoint: env.SANDBOX_URL! });
  // The child has no review to refresh (and lib/review is server-only outside Next.js and vitest).
  configureChanges({
    iam: async () => iam,
    logger: () => pino({ level: "silent" }),
    afterRun: async () => {},
    ...config,
  });
  return env as Record<K | "SANDBOX_URL", string> & NodeJS.ProcessEnv;
}

import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { policySizeProblem, type LintResult, type PolicyPlacement } from "./lint";
import type { LintJob, LintReply } from "./lint-worker";

/**
 * How long one lint may run. A worst-case document within IAM's quota lints in well under
 * 200 ms (npm run bench:lint); this is the backstop for a case nobody thought of.
 */
const LINT_BUDGET_MS = 2_000;

const LINT_TIMEOUT_CODE = "lint-timeout";

/**
 * Lint a policy off the event loop: the size quota is checked here (cheap, and a document over
 * it is refused without being parsed), everything else in a worker thread with a time budget.
 * A lint that runs out of time answers with a `lint-timeout` error finding, so callers refuse
 * it like any other error and write nothing; the worker is terminated and the next lint starts
 * a fresh one. One lint runs at a time; the budget counts from when it starts, not from when it
 * was queued, and excludes loading the catalogue.
 */
export function lintPolicyBounded(
  input: string,
  kind: PolicyPlacement,
  options: { budgetMs?: number } = {},
): Promise<LintResult> {
  const tooLarge = policySizeProblem(input, kind);
  if (tooLarge) return Promise.resolve({ errors: [tooLarge], warnings: [] });
  const budgetMs = options.budgetMs ?? LINT_BUDGET_MS;
  const run = queue.then(() => runInWorker(input, kind, budgetMs));
  queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

let queue: Promise<void> = Promise.resolve();
let current: { worker: Worker; ready: Promise<void> } | null = null;
let nextId = 1;

function startWorker(): { worker: Worker; ready: Promise<void> } {
  const worker = spawnWorker();
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    const onMessage = (m: LintReply) => {
      if ("ready" in m) resolve();
      else if ("error" in m && m.id === -1)
        reject(new Error(`The policy lint could not load the action catalogue: ${m.error}`));
      else return;
      worker.off("message", onMessage);
    };
    worker.on("message", onMessage);
    worker.once("error", reject);
  });
  const started = { worker, ready };
  const forget = () => {
    if (current === started) current = null;
  };
  worker.once("exit", forget);
  worker.once("error", forget);
  return started;
}

/**
 * In the Next server, `new Worker(new URL(…, import.meta.url))` is the form the bundler turns
 * into a worker chunk (NEXT_RUNTIME tells; import.meta.url there still names the .ts source).
 * Run from source (tsx, Vitest) the entry is TypeScript, which a plain worker cannot load
 * (and `--import tsx` is not honoured in a worker's execArgv), so it is required through
 * tsx's CommonJS hook instead.
 */
function spawnWorker(): Worker {
  if (process.env.NEXT_RUNTIME) return new Worker(new URL("./lint-worker.ts", import.meta.url));
  const entry = fileURLToPath(import.meta.url).replace(/lint-bounded\.ts$/, "lint-worker.ts");
  return new Worker(`require("tsx/cjs"); require(${JSON.stringify(entry)});`, { eval: true });
}

async function runInWorker(input: string, kind: PolicyPlacement, budgetMs: number): Promise<LintResult> {
  current ??= startWorker();
  const { worker, ready } = current;
  try {
    await ready;
  } catch (e) {
    current = null;
    void worker.terminate();
    throw e;
  }
  const id = nextId++;
  return new Promise<LintResult>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("exit", onExit);
    };
    const onMessage = (m: LintReply) => {
      if (!("id" in m) || m.id !== id) return;
      done();
      if ("error" in m) reject(new Error(`The policy lint failed: ${m.error}`));
      else resolve(m.result);
    };
    const onExit = () => {
      done();
      reject(new Error("The policy lint stopped unexpectedly."));
    };
    const timer = setTimeout(() => {
      done();
      if (current?.worker === worker) current = null;
      void worker.terminate();
      resolve({
        errors: [
          {
            code: LINT_TIMEOUT_CODE,
            message: `Checking this policy took longer than ${(budgetMs / 1000).toLocaleString("en-US")} s, so Gatehouse stopped; nothing was saved or requested. Simplify it: fewer statements, fewer wildcards.`,
            path: "",
          },
        ],
        warnings: [],
      });
    }, budgetMs);
    worker.on("message", onMessage);
    worker.once("exit", onExit);
    worker.postMessage({ id, input, kind } satisfies LintJob);
  });
}

// The policy lint's thread (node:worker_threads), started by lint-bounded.ts. It loads the
// action catalogue once, then lints one document per message. A lint that overruns its time
// budget is not asked to stop: the main thread terminates this whole thread.
import { parentPort } from "node:worker_threads";
import { loadCatalog } from "./catalog";
import { lintPolicy, type PolicyPlacement } from "./lint";

export type LintJob = { id: number; input: string; kind: PolicyPlacement };
export type LintReply =
  { ready: true } | { id: number; result: ReturnType<typeof lintPolicy> } | { id: number; error: string };

const port = parentPort;
if (port) {
  const catalog = loadCatalog();
  void catalog.then(
    () => port.postMessage({ ready: true } satisfies LintReply),
    (e) =>
      port.postMessage({ id: -1, error: e instanceof Error ? e.message : String(e) } satisfies LintReply),
  );
  port.on("message", async (job: LintJob) => {
    try {
      port.postMessage({
        id: job.id,
        result: lintPolicy(job.input, { kind: job.kind, catalog: await catalog }),
      } satisfies LintReply);
    } catch (e) {
      port.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) } satisfies LintReply);
    }
  });
}

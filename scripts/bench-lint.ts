/**
 * `npm run bench:lint`: the policy lint against worst-case documents (scripts/bench/lint-docs.ts),
 * while an HTTP server in this process answers a steady stream of other requests.
 *
 * - worker: lintPolicyBounded, as the app lints (the lint runs in a worker thread);
 * - baseline, same run: lintPolicy on the event loop, as the app linted before issue 12 (#8).
 *
 * The requests come from a separate thread every 5 ms, so a blocked event loop shows up as their
 * latency. Targets: the slowest worst-case lint <= 200 ms; other requests <= 100 ms while it runs.
 * Last line: one JSON object.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { loadCatalog } from "../lib/policy/catalog";
import { lintPolicy } from "../lib/policy/lint";
import { lintPolicyBounded } from "../lib/policy/lint-bounded";
import { hugeDocument, WORST_CASES } from "./bench/lint-docs";

const RUNS = 3;

/** A client on its own thread: GET every 5 ms until told to stop, then report each latency. */
const CLIENT = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const latencies = [];
let stopped = false;
const fire = () => {
  if (stopped) return;
  const started = performance.now();
  http.get({ host: "127.0.0.1", port: workerData.port, path: "/ping", agent }, (res) => {
    res.resume();
    res.on("end", () => latencies.push(performance.now() - started));
  }).on("error", () => latencies.push(Infinity));
  setTimeout(fire, 5);
};
parentPort.on("message", (m) => {
  if (m === "start") fire();
  if (m === "stop") { stopped = true; setTimeout(() => parentPort.postMessage(latencies), 50); }
});
parentPort.postMessage("ready");`;

async function withClient<T>(
  port: number,
  work: () => Promise<T>,
): Promise<{ result: T; latencies: number[] }> {
  const client = new Worker(CLIENT, { eval: true, workerData: { port } });
  await new Promise((r) => client.once("message", r));
  client.postMessage("start");
  await new Promise((r) => setTimeout(r, 30)); // a few requests before the lint starts
  const result = await work();
  // Requests already waiting on a blocked loop finish after it frees: collect them all.
  const latencies = await new Promise<number[]>((resolve) => {
    client.once("message", resolve);
    client.postMessage("stop");
  });
  await client.terminate();
  return { result, latencies };
}

const max = (xs: number[]) => Math.round(Math.max(0, ...xs));
const ms = (n: number) => `${n.toLocaleString("en-US")} ms`;

async function main() {
  const server: Server = createServer((_req, res) => res.end("ok"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;

  const catalog = await loadCatalog(); // for the baseline, on this thread
  await lintPolicyBounded(
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    "managed",
  ); // worker up

  type Figure = {
    shape: string;
    worker_ms: number;
    worker_request_max_ms: number;
    baseline_ms: number;
    baseline_request_max_ms: number;
  };
  const figures: Figure[] = [];
  let salt = 1;
  for (const [shape, make] of Object.entries(WORST_CASES)) {
    const f: Figure = {
      shape,
      worker_ms: 0,
      worker_request_max_ms: 0,
      baseline_ms: 0,
      baseline_request_max_ms: 0,
    };
    for (let run = 0; run < RUNS; run++) {
      const doc = make(salt++);
      const w = await withClient(port, async () => {
        const t = performance.now();
        const r = await lintPolicyBounded(doc, "managed");
        if (r.errors.some((e) => e.code === "lint-timeout" || e.code === "policy-too-large"))
          throw new Error(`${shape}: ${r.errors[0].message}`);
        return performance.now() - t;
      });
      const other = make(salt++);
      const b = await withClient(port, async () => {
        const t = performance.now();
        lintPolicy(other, { kind: "managed", catalog });
        return performance.now() - t;
      });
      f.worker_ms = Math.max(f.worker_ms, Math.round(w.result));
      f.worker_request_max_ms = Math.max(f.worker_request_max_ms, max(w.latencies));
      f.baseline_ms = Math.max(f.baseline_ms, Math.round(b.result));
      f.baseline_request_max_ms = Math.max(f.baseline_request_max_ms, max(b.latencies));
    }
    figures.push(f);
    console.log(
      `${shape}: lint ${ms(f.worker_ms)} in the worker (other requests ≤ ${ms(f.worker_request_max_ms)}); on the event loop ${ms(f.baseline_ms)} (other requests ≤ ${ms(f.baseline_request_max_ms)})`,
    );
  }

  const huge = hugeDocument();
  const h = await withClient(port, async () => {
    const t = performance.now();
    const r = await lintPolicyBounded(huge, "managed");
    if (r.errors[0]?.code !== "policy-too-large")
      throw new Error("the 150 kB document was not refused by size");
    return performance.now() - t;
  });
  console.log(
    `150 kB document: refused by size in ${ms(Math.round(h.result))} (other requests ≤ ${ms(max(h.latencies))})`,
  );
  server.close();

  const worst = figures.reduce((a, b) => (b.worker_ms > a.worker_ms ? b : a));
  const out = {
    worst_shape: worst.shape,
    worst_lint_ms: worst.worker_ms,
    request_max_ms: Math.max(...figures.map((f) => f.worker_request_max_ms), max(h.latencies)),
    baseline_lint_ms: Math.max(...figures.map((f) => f.baseline_ms)),
    baseline_request_max_ms: Math.max(...figures.map((f) => f.baseline_request_max_ms)),
    huge_refused_ms: Math.round(h.result),
  };
  const ratio = out.baseline_request_max_ms / Math.max(1, out.request_max_ms);
  console.log(
    `\nworst-case 6 kB lint: ${ms(out.worst_lint_ms)} (${worst.shape}; target ≤ 200 ms) ${out.worst_lint_ms <= 200 ? "pass" : "FAIL"}`,
  );
  console.log(
    `other requests while linting: ≤ ${ms(out.request_max_ms)} (target ≤ 100 ms) ${out.request_max_ms <= 100 ? "pass" : "FAIL"}; baseline on the event loop ≤ ${ms(out.baseline_request_max_ms)}: ${ratio.toFixed(1)}× better`,
  );
  console.log(JSON.stringify(out));
  process.exit(0);
}

void main();

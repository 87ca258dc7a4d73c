import { seededRng, type Rng } from "./model/ids";

export interface FaultConfig {
  /** share of requests answered with 400 Throttling "Rate exceeded" */
  throttleRate?: number;
  /** share of requests answered with 500 ServiceFailure */
  failureRate?: number;
  /** share of writes answered 409 EntityTemporarilyUnmodifiable (IAM does this right after creates) */
  unmodifiableRate?: number;
  /** share of writes answered 409 ConcurrentModification */
  concurrentModificationRate?: number;
  /** added to every request */
  latencyMs?: number;
  /** new entities stay invisible to Get/List (and to writes naming them) for this long */
  consistencyDelayMs?: number;
  /** makes the throttle/failure sequence repeat exactly */
  seed?: number;
  /** limit throttling/failures/latency to these actions */
  actions?: string[];
}

export type FaultDecision = { kind: "throttle" | "failure" | "unmodifiable" | "concurrent" | "pass" };

const clampRate = (n: unknown) => (typeof n === "number" && n >= 0 && n <= 1 ? n : undefined);

export function normalizeFaults(raw: unknown): FaultConfig {
  if (typeof raw !== "object" || raw === null) throw new Error("faults must be a JSON object");
  const r = raw as Record<string, unknown>;
  const out: FaultConfig = {};
  for (const k of [
    "throttleRate",
    "failureRate",
    "unmodifiableRate",
    "concurrentModificationRate",
  ] as const) {
    if (r[k] === undefined) continue;
    const v = clampRate(r[k]);
    if (v === undefined) throw new Error(`${k} must be a number between 0 and 1`);
    out[k] = v;
  }
  for (const k of ["latencyMs", "consistencyDelayMs", "seed"] as const) {
    if (r[k] === undefined) continue;
    if (typeof r[k] !== "number" || !Number.isFinite(r[k]) || (r[k] as number) < 0)
      throw new Error(`${k} must be a non-negative number`);
    out[k] = r[k] as number;
  }
  if (out.latencyMs !== undefined && out.latencyMs > 60_000)
    throw new Error("latencyMs must be at most 60000");
  if (r.actions !== undefined) {
    if (!Array.isArray(r.actions) || r.actions.some((a) => typeof a !== "string"))
      throw new Error("actions must be a list of action names");
    out.actions = r.actions as string[];
  }
  return out;
}

/** Fault injection around dispatch: off until configured, deterministic for a given seed. */
export class Faults {
  private config: FaultConfig = {};
  private rng: Rng = seededRng(1);

  set(config: FaultConfig): void {
    this.config = config;
    this.rng = seededRng(config.seed ?? Date.now());
  }

  get(): FaultConfig {
    return this.config;
  }

  get consistencyDelayMs(): number {
    return this.config.consistencyDelayMs ?? 0;
  }

  private applies(action: string): boolean {
    return !this.config.actions || this.config.actions.includes(action);
  }

  latencyFor(action: string): number {
    return this.applies(action) ? (this.config.latencyMs ?? 0) : 0;
  }

  decide(action: string, mutating: boolean): FaultDecision {
    if (!this.applies(action)) return { kind: "pass" };
    const throttle = this.config.throttleRate ?? 0;
    const failure = this.config.failureRate ?? 0;
    const unmodifiable = mutating ? (this.config.unmodifiableRate ?? 0) : 0;
    const concurrent = mutating ? (this.config.concurrentModificationRate ?? 0) : 0;
    if (throttle + failure + unmodifiable + concurrent === 0) return { kind: "pass" };
    // One draw per request keeps the sequence a pure function of the seed.
    const x = this.rng();
    if (x < throttle) return { kind: "throttle" };
    if (x < throttle + failure) return { kind: "failure" };
    if (x < throttle + failure + unmodifiable) return { kind: "unmodifiable" };
    if (x < throttle + failure + unmodifiable + concurrent) return { kind: "concurrent" };
    return { kind: "pass" };
  }
}

import type { State } from "../model/types";
import { emptyState } from "../model/state";
import { exampleCompany } from "./example-company";
import { generateOrg, type GeneratorSpec } from "./generator";

export type SeedSpec = "empty" | "example-company" | GeneratorSpec;

export function buildSeed(spec: SeedSpec, accountId: string): State {
  if (spec === "empty") return emptyState(accountId);
  if (spec === "example-company") return exampleCompany(accountId);
  if (typeof spec === "object" && spec !== null) return generateOrg(spec, accountId);
  throw new Error(
    `unknown seed ${String(spec)}: use "empty", "example-company" or {users, groups, policies, seed}`,
  );
}

export type { GeneratorSpec };

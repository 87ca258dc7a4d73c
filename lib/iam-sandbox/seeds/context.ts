import { Params } from "../model/params";
import { emptyState, type Ctx } from "../model/state";

/** A model operation context for building seeds: root caller, no faults. */
export function seedContext(accountId: string, now = Date.now()): Ctx {
  return {
    state: emptyState(accountId),
    now,
    hideNewerThanMs: 0,
    caller: { kind: "root" },
    p: new Params(new Map()),
  };
}

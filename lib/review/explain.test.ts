import { describe, expect, it } from "vitest";
import type { StateChange } from "./diff";
import { explainChanges, type DoneStep } from "./explain";

// Which access-key changes Gatehouse's own steps account for. A key re-issue deletes the key whose
// secret was lost and creates a new one: both are Gatehouse's, and neither may hide a change to
// another key of the same user made outside it.

const key = (change: StateChange["change"], id: string): StateChange => ({
  entityType: "accessKey",
  entity: `john/${id}`,
  change,
  detail: { userName: "john", accessKeyId: id },
  summary: `access key ${id} ${change} for john`,
});
const step = (op: string, params: Record<string, unknown>, result?: Record<string, unknown>): DoneStep => ({
  requestId: `r-${op}`,
  op,
  params,
  result,
  finishedAt: new Date(),
});
const explained = (changes: StateChange[], steps: DoneStep[]) =>
  explainChanges(changes, steps).map((e) => [e.change.change, e.change.detail.accessKeyId, e.explainedBy]);

describe("explaining access-key changes", () => {
  it("a re-issue explains the key it deleted and the key it created", () => {
    const reissue = step(
      "CreateAccessKey",
      { userName: "john" },
      { accessKeyId: "AKIANEW", reissued: true, deletedKeys: ["AKIALOST"] },
    );
    expect(explained([key("removed", "AKIALOST"), key("created", "AKIANEW")], [reissue])).toEqual([
      ["removed", "AKIALOST", "r-CreateAccessKey"],
      ["created", "AKIANEW", "r-CreateAccessKey"],
    ]);
  });

  it("a create or re-issue does not explain another key of the same user", () => {
    const create = step("CreateAccessKey", { userName: "john" }, { accessKeyId: "AKIAMINE" });
    expect(
      explained(
        [key("created", "AKIAOUTSIDE"), key("removed", "AKIAOTHER"), key("created", "AKIAMINE")],
        [create],
      ),
    ).toEqual([
      ["created", "AKIAOUTSIDE", null],
      ["removed", "AKIAOTHER", null],
      ["created", "AKIAMINE", "r-CreateAccessKey"],
    ]);
  });

  it("a delete explains only the key it names; a create without a recorded key, any new key once", () => {
    const del = step("DeleteAccessKey", { userName: "john", accessKeyId: "AKIAGONE" });
    const legacy = step("CreateAccessKey", { userName: "john" });
    expect(
      explained(
        [
          key("removed", "AKIAGONE"),
          key("removed", "AKIAELSE"),
          key("created", "AKIAONE"),
          key("created", "AKIATWO"),
        ],
        [del, legacy],
      ),
    ).toEqual([
      ["removed", "AKIAGONE", "r-DeleteAccessKey"],
      ["removed", "AKIAELSE", null],
      ["created", "AKIAONE", "r-CreateAccessKey"],
      ["created", "AKIATWO", null],
    ]);
  });
});

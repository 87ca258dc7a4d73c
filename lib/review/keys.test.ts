import { describe, expect, it } from "vitest";
import { pairKeys } from "./keys";

const S = "2026-01-02T03:04:05.000Z";

describe("pairKeys", () => {
  it("pairs by id first, so two keys of one second stay two keys", () => {
    const before = [{ id: "AKIAOLD", created: S }];
    const after = [
      { id: "AKIANEW", created: S },
      { id: "AKIAOLD", created: S },
    ];
    const { pairs, onlyA, onlyB } = pairKeys(before, after);
    expect(pairs.map(([a, b]) => [a.id, b.id])).toEqual([["AKIAOLD", "AKIAOLD"]]);
    expect(onlyA).toEqual([]);
    expect(onlyB.map((k) => k.id)).toEqual(["AKIANEW"]);
  });

  it("matches a report key without an id by creation time, each key once", () => {
    const report = [{ created: S }];
    const listed = [
      { id: "AKIAA", created: S },
      { id: "AKIAB", created: S },
    ];
    const { pairs, onlyB } = pairKeys(report, listed);
    expect(pairs).toHaveLength(1);
    expect(onlyB).toHaveLength(1);
  });

  it("never pairs two keys whose known ids differ, even at the same second", () => {
    const { pairs, onlyA, onlyB } = pairKeys([{ id: "AKIAA", created: S }], [{ id: "AKIAB", created: S }]);
    expect(pairs).toEqual([]);
    expect([onlyA.length, onlyB.length]).toEqual([1, 1]);
  });
});

import { describe, expect, it } from "vitest";
import { publishedVersion } from "./published";

describe("publishedVersion", () => {
  it("is the version published last, not the newest number", () => {
    const versions = [
      { number: 3, publishedAt: null },
      { number: 2, publishedAt: "2026-12-01T10:00:00.000Z" },
      { number: 1, publishedAt: "2026-12-02T10:00:00.000Z" },
    ];
    expect(publishedVersion(versions)?.number).toBe(1);
    expect(publishedVersion([{ number: 1, publishedAt: null }])).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { formatTime, isoTime } from "./format-time";

describe("formatTime", () => {
  it("prints an ISO string in UTC to the minute, with the zone", () => {
    expect(formatTime("2026-12-03T14:18:24.123Z")).toBe("2026-12-03 14:18 UTC");
  });
  it("converts an offset to UTC", () => {
    expect(formatTime("2026-12-03T23:30:00+02:00")).toBe("2026-12-03 21:30 UTC");
  });
  it("takes a Date and can show seconds", () => {
    expect(formatTime(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), { seconds: true })).toBe(
      "2026-01-02 03:04:05 UTC",
    );
  });
  it("prints a dash for no time or an invalid one", () => {
    expect(formatTime(null)).toBe("—");
    expect(formatTime(undefined)).toBe("—");
    expect(formatTime("not a date")).toBe("—");
  });
  it("gives the ISO form for dateTime", () => {
    expect(isoTime("2026-12-03T14:18:24+00:00")).toBe("2026-12-03T14:18:24.000Z");
  });
});

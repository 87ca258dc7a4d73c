import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS } from "@/lib/policy";
import { cellLabel, decodeCell, LEVELS, levelCode, NOT_UNDERSTOOD } from "./cells";

describe("matrix cell codes", () => {
  it("use lib/policy's level order", () => {
    expect(LEVELS).toEqual(ACCESS_LEVELS);
  });
  it("round-trip level, conditional and scope", () => {
    for (const level of LEVELS) {
      for (const [conditional, scoped] of [
        [false, false],
        [true, false],
        [false, true],
        [true, true],
      ]) {
        const code = levelCode(level) + (conditional ? 10 : 0) + (scoped ? 20 : 0);
        expect(decodeCell(code)).toEqual({
          level,
          conditional,
          scoped,
          notUnderstood: false,
          selfService: false,
        });
        expect(decodeCell(code + 40)).toEqual({
          level,
          conditional,
          scoped,
          notUnderstood: false,
          selfService: true,
        });
      }
    }
    expect(cellLabel(0)).toBe("");
    expect(cellLabel(22)).toBe("Read (specific resources)");
    expect(cellLabel(34)).toBe("Write (specific resources, conditional)");
    expect(cellLabel(62)).toBe("Read (specific resources) + self-service");
  });
  it("'not understood' is its own code: never none, never a level", () => {
    expect(decodeCell(NOT_UNDERSTOOD)).toEqual({
      level: null,
      conditional: false,
      scoped: false,
      notUnderstood: true,
      selfService: false,
    });
    expect(cellLabel(NOT_UNDERSTOOD)).toBe("not understood");
  });
});

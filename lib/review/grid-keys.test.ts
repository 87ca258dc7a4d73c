import { describe, expect, it } from "vitest";
import { nextPosition } from "./grid-keys";

const size = { rows: 30, columns: 5 };
const at = (row: number, col: number) => ({ row, col });

describe("the matrix grid's keys", () => {
  it("move by one with the arrows, clamped at the edges", () => {
    expect(nextPosition(at(1, 1), { key: "ArrowRight" }, size)).toEqual(at(1, 2));
    expect(nextPosition(at(1, 4), { key: "ArrowRight" }, size)).toEqual(at(1, 4));
    expect(nextPosition(at(0, 0), { key: "ArrowUp" }, size)).toEqual(at(0, 0));
    expect(nextPosition(at(29, 2), { key: "ArrowDown" }, size)).toEqual(at(29, 2));
    expect(nextPosition(at(3, 0), { key: "ArrowLeft" }, size)).toEqual(at(3, 0));
  });
  it("Home/End go to the row's ends, with Ctrl to the grid's; Page Up/Down by 10 rows", () => {
    expect(nextPosition(at(5, 2), { key: "Home" }, size)).toEqual(at(5, 0));
    expect(nextPosition(at(5, 2), { key: "End" }, size)).toEqual(at(5, 4));
    expect(nextPosition(at(5, 2), { key: "Home", ctrlKey: true }, size)).toEqual(at(0, 0));
    expect(nextPosition(at(5, 2), { key: "End", metaKey: true }, size)).toEqual(at(29, 4));
    expect(nextPosition(at(5, 2), { key: "PageDown" }, size)).toEqual(at(15, 2));
    expect(nextPosition(at(5, 2), { key: "PageUp" }, size)).toEqual(at(0, 2));
  });
  it("leave every other key alone (Enter follows the cell's link, Tab leaves the grid)", () => {
    expect(nextPosition(at(1, 1), { key: "Enter" }, size)).toBeNull();
    expect(nextPosition(at(1, 1), { key: "Tab" }, size)).toBeNull();
  });
});

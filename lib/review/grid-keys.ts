// The ARIA grid pattern's keys (https://www.w3.org/WAI/ARIA/apg/patterns/grid/), as a pure
// function so the matrix's keyboard handling is one small, readable table.

export interface GridPosition {
  row: number;
  col: number;
}

const PAGE_ROWS = 10;

/** Where a key moves the active cell of a `rows` × `columns` grid; null: the key is not the grid's. */
export function nextPosition(
  { row, col }: GridPosition,
  key: { key: string; ctrlKey?: boolean; metaKey?: boolean },
  size: { rows: number; columns: number },
): GridPosition | null {
  const clamp = (r: number, c: number) => ({
    row: Math.max(0, Math.min(size.rows - 1, r)),
    col: Math.max(0, Math.min(size.columns - 1, c)),
  });
  const ctrl = key.ctrlKey || key.metaKey;
  switch (key.key) {
    case "ArrowRight":
      return clamp(row, col + 1);
    case "ArrowLeft":
      return clamp(row, col - 1);
    case "ArrowDown":
      return clamp(row + 1, col);
    case "ArrowUp":
      return clamp(row - 1, col);
    case "Home":
      return ctrl ? clamp(0, 0) : clamp(row, 0);
    case "End":
      return ctrl ? clamp(size.rows - 1, size.columns - 1) : clamp(row, size.columns - 1);
    case "PageDown":
      return clamp(row + PAGE_ROWS, col);
    case "PageUp":
      return clamp(row - PAGE_ROWS, col);
    default:
      return null;
  }
}

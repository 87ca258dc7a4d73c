import type { AccessLevel } from "@/lib/policy";

// Matrix cell codes, shared by the server (rows, CSV) and the browser (the heatmap). This file
// must stay free of server imports: the catalogue module would pull the whole action data set
// into the client bundle. cells.test.ts checks LEVELS against lib/policy's ACCESS_LEVELS.
export const LEVELS: readonly AccessLevel[] = ["List", "Read", "Tagging", "Write", "Permissions management"];

export function levelCode(level: AccessLevel): number {
  return LEVELS.indexOf(level) + 1;
}

/**
 * A cell of a user with a policy Gatehouse cannot evaluate, where the policies it can read
 * grant nothing: unknown, which is not "none". Below 10, so it never reads as conditional or
 * scoped, and above every level, so "at least <level>" filters keep it.
 */
export const NOT_UNDERSTOOD = 9;
export const NOT_UNDERSTOOD_LABEL = "not understood";

/** 0 = none, 1..5 = List..Permissions management, 9 = not understood; +10 conditional only; +20 specific resources only. */
export function decodeCell(code: number): {
  level: AccessLevel | null;
  conditional: boolean;
  scoped: boolean;
  notUnderstood: boolean;
} {
  const level = code % 10;
  if (level === NOT_UNDERSTOOD)
    return { level: null, conditional: false, scoped: false, notUnderstood: true };
  return {
    level: level === 0 ? null : LEVELS[level - 1],
    conditional: Math.floor(code / 10) % 2 === 1,
    scoped: code >= 20,
    notUnderstood: false,
  };
}

/** The text of a matrix cell, the same on the page (title, data-level) and in the CSV. */
export function cellLabel(code: number): string {
  const { level, conditional, scoped, notUnderstood } = decodeCell(code);
  if (notUnderstood) return NOT_UNDERSTOOD_LABEL;
  if (!level) return "";
  const notes = [scoped ? "specific resources" : null, conditional ? "conditional" : null].filter(Boolean);
  return notes.length ? `${level} (${notes.join(", ")})` : level;
}

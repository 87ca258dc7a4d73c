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

/** Added to a cell's code: self-service grants (lib/review/self-service.ts) reach beyond its level. */
export const SELF_SERVICE = 40;
export const SELF_SERVICE_LABEL = "self-service";

/**
 * 0 = none, 1..5 = List..Permissions management, 9 = not understood; the tens are flags:
 * +10 conditional only, +20 specific resources only, +40 self-service (level 0 + 40: self-service only).
 */
export function decodeCell(code: number): {
  level: AccessLevel | null;
  conditional: boolean;
  scoped: boolean;
  notUnderstood: boolean;
  selfService: boolean;
} {
  const level = code % 10;
  if (level === NOT_UNDERSTOOD)
    return { level: null, conditional: false, scoped: false, notUnderstood: true, selfService: false };
  const flags = Math.floor(code / 10);
  return {
    level: level === 0 ? null : LEVELS[level - 1],
    conditional: (flags & 1) === 1,
    scoped: (flags & 2) === 2,
    notUnderstood: false,
    selfService: (flags & 4) === 4,
  };
}

export function encodeCell(cell: {
  level: AccessLevel | null;
  conditional: boolean;
  scope: "all" | "some";
  selfService: boolean;
}): number {
  const level = cell.level ? levelCode(cell.level) : 0;
  const flags = level ? (cell.conditional ? 10 : 0) + (cell.scope === "some" ? 20 : 0) : 0;
  return level + flags + (cell.selfService ? SELF_SERVICE : 0);
}

/** The text of a matrix cell, the same on the page (title, data-level) and in the CSV. */
export function cellLabel(code: number): string {
  const { level, conditional, scoped, notUnderstood, selfService } = decodeCell(code);
  if (notUnderstood) return NOT_UNDERSTOOD_LABEL;
  if (!level) return selfService ? SELF_SERVICE_LABEL : "";
  const notes = [scoped ? "specific resources" : null, conditional ? "conditional" : null].filter(Boolean);
  const text = notes.length ? `${level} (${notes.join(", ")})` : level;
  return selfService ? `${text} + ${SELF_SERVICE_LABEL}` : text;
}

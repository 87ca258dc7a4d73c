/**
 * A CSV cell that a spreadsheet would read as a formula gets a leading apostrophe, so an exported
 * name like `=HYPERLINK(…)` shows as text instead of running (CSV injection). Formulas start with
 * = + - @; a leading tab or carriage return is skipped by some spreadsheets before they look, and
 * some locales of Excel take the full-width forms (＝ ＋ － ＠) as the ASCII ones.
 * Only lib/security/csv.ts calls this: every CSV cell goes through it there.
 */
export const spreadsheetSafe = (v: string) => (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(v) ? `'${v}` : v);

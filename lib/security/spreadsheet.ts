/**
 * A CSV cell that a spreadsheet would read as a formula (=, +, -, @) gets a leading apostrophe,
 * so an exported name like `=HYPERLINK(…)` shows as text instead of running (CSV injection).
 */
export const spreadsheetSafe = (v: string) => (/^[=+\-@]/.test(v) ? `'${v}` : v);

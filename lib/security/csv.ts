import { stringify } from "csv-stringify/sync";
import { spreadsheetSafe } from "./spreadsheet";

// The one CSV writer. Every cell of every export, header included, is turned into text here and
// passes spreadsheetSafe, so no caller can forget the guard for one column (ESLint refuses
// csv-stringify anywhere else).

export type CsvValue =
  string | number | boolean | Date | null | undefined | readonly string[] | Record<string, unknown>;

function cellText(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.join(" ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

const line = (cells: readonly CsvValue[]) => stringify([cells.map((c) => spreadsheetSafe(cellText(c)))]);

/** A whole CSV document in memory (small exports: the matrix, one person). */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map(line).join("");
}

/** A CSV document streamed from rows read in batches (the audit log): flat memory for any size. */
export function csvStream(
  header: readonly string[],
  rows: AsyncIterable<readonly CsvValue[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = rows[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(line(header)));
        return;
      }
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(line(next.value)));
    },
    async cancel() {
      await it.return?.();
    },
  });
}

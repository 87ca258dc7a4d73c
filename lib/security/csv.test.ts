import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvDocument, csvStream } from "./csv";

const hostile = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "＝1", "plain", "a=b"];

describe("the one CSV writer (issue 12 #12)", () => {
  it("guards every cell, header included, in documents and streams alike", async () => {
    const doc = csvDocument(
      ["=header", "ok"],
      [hostile, [null, 3, true, new Date(0), ["-a", "b"], { k: "v" }]],
    );
    async function* rows() {
      yield hostile;
    }
    const streamed = await new Response(csvStream(["=header"], rows())).text();
    for (const text of [doc, streamed]) {
      const cells = (parse(text, { relax_column_count: true }) as string[][]).flat();
      expect(cells.filter((c) => /^[=+\-@\t\r＝]/.test(c))).toEqual([]);
    }
    const [, first, second] = parse(doc, { relax_column_count: true }) as string[][];
    expect(first).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\t=1", "'\r=1", "'＝1", "plain", "a=b"]);
    expect(second).toEqual(["", "3", "true", "1970-01-01T00:00:00.000Z", "'-a b", '{"k":"v"}']);
  });
});

import { defineRoute } from "@/lib/actions/route";
import { UserError } from "@/lib/errors";
import { auditFilterSchema } from "@/lib/audit/audit.schema";
import { audit, streamAudit } from "@/lib/audit";
import { csvStream } from "@/lib/security/csv";

// Streams the (filtered) audit log as CSV or JSON without holding it in memory.
export const GET = defineRoute("GET /api/audit/export", async (req, actor) => {
  const url = new URL(req.url);
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw new UserError("Invalid filter.", "INVALID_INPUT");
  const format = url.searchParams.get("format") === "json" ? "json" : "csv";
  await audit({ actor: actor.email, action: "audit.exported", data: { format, filter: parsed.data } });
  const entries = streamAudit(parsed.data);
  const encoder = new TextEncoder();
  const stamp = new Date().toISOString().slice(0, 10);

  let body: ReadableStream<Uint8Array>;
  if (format === "json") {
    body = new ReadableStream({
      async start(controller) {
        controller.enqueue(encoder.encode("["));
        let first = true;
        for await (const e of entries) {
          controller.enqueue(encoder.encode(`${first ? "" : ","}\n${JSON.stringify(e)}`));
          first = false;
        }
        controller.enqueue(encoder.encode("\n]\n"));
        controller.close();
      },
    });
  } else {
    // Actors, targets and data can hold text someone typed (a failed sign-in's email): csvStream guards every cell.
    const columns = ["seq", "at", "actor", "action", "target", "requestId", "data", "hash"] as const;
    body = csvStream(
      columns,
      (async function* () {
        for await (const e of entries)
          yield columns.map((c) => (c === "data" ? JSON.stringify(e.data) : e[c]));
      })(),
    );
  }
  return new Response(body, {
    headers: {
      "content-type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="gatehouse-audit-${stamp}.${format}"`,
      "cache-control": "no-store",
    },
  });
});

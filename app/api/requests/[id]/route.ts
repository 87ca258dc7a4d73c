import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/actions/route";
import { NotFoundError } from "@/lib/errors";
import { getRequest } from "@/lib/changes";

// Polled by the request page for live step progress.
export const GET = defineRoute<{ id: string }>("GET /api/requests/[id]", async (_req, _actor, { id }) => {
  const request = await getRequest(id);
  if (!request) throw new NotFoundError("No such request.");
  return NextResponse.json(request, { headers: { "cache-control": "no-store" } });
});

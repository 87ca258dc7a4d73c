import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/actions/route";
import { connectionStatus } from "@/lib/iam/server";

export const GET = defineRoute("GET /api/connection", async () =>
  NextResponse.json(await connectionStatus({ fresh: true })),
);

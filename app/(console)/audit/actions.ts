"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define";
import { audit, verifyChain } from "@/lib/audit";

export const verifyChainAction = defineAction({
  name: "audit.verify",
  input: z.object({}),
  run: async (_input, actor) => {
    const result = await verifyChain();
    await audit({
      actor: actor.email,
      action: "audit.verified",
      data: { ok: result.ok, entries: result.entries, ...(result.ok ? {} : { brokenAt: result.brokenAt }) },
    });
    return result;
  },
});

"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define";
import { requestApproveAndStart } from "@/lib/changes";
import { offboardSchema } from "@/lib/people/offboard.schema";

// One click for an admin: the request is created, approved by that admin (a recorded
// self-approval, "one-click offboarding by an admin") and started; the page then follows the
// steps on the request page. Operators request offboarding through requests.create instead.
const start = defineAction({
  name: "offboard.start",
  input: offboardSchema,
  run: async (input, actor) => {
    const { request, started } = await requestApproveAndStart("user.offboard", input, actor);
    return { id: request.id, number: request.number, status: request.status, started };
  },
});

export async function startOffboardingAction(raw: unknown) {
  const r = await start(raw);
  if (r.ok) revalidatePath("/people");
  return r;
}

"use server";

import { defineAction } from "@/lib/actions/define";
import { requestApproveAndStart } from "@/lib/changes";
import { offboardSchema } from "@/lib/people/offboard.schema";

// One click for an admin: the request is created, approved by that admin (a recorded
// self-approval, "one-click offboarding by an admin") and started; the page then follows the
// steps on the request page. Operators request offboarding through requests.create instead.
export const startOffboardingAction = defineAction({
  name: "offboard.start",
  input: offboardSchema,
  revalidate: "/people",
  run: async (input, actor) => {
    const { request, started } = await requestApproveAndStart("user.offboard", input, actor);
    return { id: request.id, number: request.number, status: request.status, started };
  },
});

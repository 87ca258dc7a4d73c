import type { z } from "zod";
import { offboardSchema } from "@/lib/people/offboard.schema";

// The input of the user.offboard kind: the people domain's offboard form.

export const userOffboardInput = offboardSchema;
export type UserOffboardInput = z.infer<typeof userOffboardInput>;

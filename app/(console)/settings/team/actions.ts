"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define";
import {
  changeRole,
  decidePromotion,
  inviteMember,
  listMembers,
  setDisabled,
  unlockMember,
} from "@/lib/team";
import {
  changeRoleSchema,
  decidePromotionSchema,
  inviteSchema,
  setDisabledSchema,
  unlockSchema,
} from "@/lib/team/team.schema";

const invite = defineAction({ name: "team.invite", input: inviteSchema, run: inviteMember });
const role = defineAction({ name: "team.changeRole", input: changeRoleSchema, run: changeRole });
const disable = defineAction({ name: "team.setDisabled", input: setDisabledSchema, run: setDisabled });
// A second admin approves (or any admin rejects) a promotion to admin that waits (lib/team/promotion.ts).
const promotion = defineAction({
  name: "team.decidePromotion",
  input: decidePromotionSchema,
  run: async (input, actor) => {
    await decidePromotion(input, actor);
    return listMembers();
  },
});
const unlock = defineAction({ name: "team.unlock", input: unlockSchema, run: unlockMember });

export async function inviteMemberAction(raw: unknown) {
  const result = await invite(raw);
  if (result.ok) revalidatePath("/settings/team");
  return result;
}

export async function changeRoleAction(raw: unknown) {
  return role(raw);
}

export async function setDisabledAction(raw: unknown) {
  return disable(raw);
}

export async function decidePromotionAction(raw: unknown) {
  return promotion(raw);
}

export async function unlockMemberAction(raw: unknown) {
  return unlock(raw);
}

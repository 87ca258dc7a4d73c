"use server";

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

export const inviteMemberAction = defineAction({
  name: "team.invite",
  input: inviteSchema,
  revalidate: "/settings/team",
  run: inviteMember,
});
export const changeRoleAction = defineAction({
  name: "team.changeRole",
  input: changeRoleSchema,
  run: changeRole,
});
export const setDisabledAction = defineAction({
  name: "team.setDisabled",
  input: setDisabledSchema,
  run: setDisabled,
});
// A second admin approves (or any admin rejects) a promotion to admin that waits (lib/team/promotion.ts).
export const decidePromotionAction = defineAction({
  name: "team.decidePromotion",
  input: decidePromotionSchema,
  run: async (input, actor) => {
    await decidePromotion(input, actor);
    return listMembers();
  },
});
export const unlockMemberAction = defineAction({
  name: "team.unlock",
  input: unlockSchema,
  run: unlockMember,
});

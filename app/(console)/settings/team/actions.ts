"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define";
import { changeRole, inviteMember, setDisabled } from "@/lib/team";
import { changeRoleSchema, inviteSchema, setDisabledSchema } from "@/lib/team/team.schema";

const invite = defineAction({ name: "team.invite", input: inviteSchema, run: inviteMember });
const role = defineAction({ name: "team.changeRole", input: changeRoleSchema, run: changeRole });
const disable = defineAction({ name: "team.setDisabled", input: setDisabledSchema, run: setDisabled });

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

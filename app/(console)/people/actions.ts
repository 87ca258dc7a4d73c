"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define";
import { createEmployee, linkUser, updateEmployee } from "@/lib/people";
import { employeeSchema, linkUserSchema, updateEmployeeSchema } from "@/lib/people/people.schema";

const create = defineAction({ name: "people.create", input: employeeSchema, run: createEmployee });
const update = defineAction({ name: "people.update", input: updateEmployeeSchema, run: updateEmployee });
const link = defineAction({ name: "people.link", input: linkUserSchema, run: linkUser });

export async function createEmployeeAction(raw: unknown) {
  const r = await create(raw);
  if (r.ok) revalidatePath("/people");
  return r;
}
export async function updateEmployeeAction(raw: unknown) {
  const r = await update(raw);
  if (r.ok) revalidatePath("/people");
  return r;
}
export async function linkUserAction(raw: unknown) {
  const r = await link(raw);
  if (r.ok) revalidatePath("/people");
  return r;
}

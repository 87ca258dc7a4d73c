"use server";

import { defineAction } from "@/lib/actions/define";
import { createEmployee, linkUser, updateEmployee } from "@/lib/people";
import { employeeSchema, linkUserSchema, updateEmployeeSchema } from "@/lib/people/people.schema";

export const createEmployeeAction = defineAction({
  name: "people.create",
  input: employeeSchema,
  revalidate: "/people",
  run: createEmployee,
});
export const updateEmployeeAction = defineAction({
  name: "people.update",
  input: updateEmployeeSchema,
  revalidate: "/people",
  run: updateEmployee,
});
export const linkUserAction = defineAction({
  name: "people.link",
  input: linkUserSchema,
  revalidate: "/people",
  run: linkUser,
});

"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define";
import { saveTemplateVersion } from "@/lib/templates";
import { lintTemplate } from "@/lib/templates/lint-template";
import { lintDraftSchema, templateDraftSchema } from "@/lib/templates/templates.schema";

const lint = defineAction({
  name: "templates.lint",
  input: lintDraftSchema,
  run: async (i) => {
    const r = await lintTemplate(i.document, i.parameters);
    return { errors: r.errors, warnings: r.warnings, size: r.size };
  },
});
const save = defineAction({ name: "templates.save", input: templateDraftSchema, run: saveTemplateVersion });

export async function lintTemplateAction(raw: unknown) {
  return lint(raw);
}
export async function saveTemplateAction(raw: unknown) {
  const r = await save(raw);
  if (r.ok && r.data.saved) revalidatePath("/templates");
  return r;
}

"use server";

import { defineAction } from "@/lib/actions/define";
import { saveTemplateVersion, lintTemplate } from "@/lib/templates";
import { lintDraftSchema, templateDraftSchema } from "@/lib/templates/templates.schema";

export const lintTemplateAction = defineAction({
  name: "templates.lint",
  input: lintDraftSchema,
  run: async (i) => {
    const r = await lintTemplate(i.document, i.parameters);
    return { errors: r.errors, warnings: r.warnings, size: r.size };
  },
});
// A draft equal to the latest version saves nothing, and the list has nothing new to show.
export const saveTemplateAction = defineAction({
  name: "templates.save",
  input: templateDraftSchema,
  revalidate: (r) => (r.saved ? "/templates" : null),
  run: saveTemplateVersion,
});

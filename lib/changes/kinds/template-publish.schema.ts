import { z } from "zod";

// The input of the template.publish kind, importable by forms and the request actions.

export const templatePublishInput = z.object({
  name: z.string().min(1).max(128),
  version: z.number().int().positive(),
  values: z.record(z.string(), z.string().max(2048)).default({}),
});
export type TemplatePublishInput = z.infer<typeof templatePublishInput>;

import { z } from "zod";
import { iamNameSchema } from "@/lib/iam/names.schema";
import { TRUSTED_SERVICES } from "@/lib/templates/shared";

// The input of the role.create kind, importable by forms and the request actions.

export const roleCreateInput = z.object({
  roleName: iamNameSchema("role"),
  service: z.enum(TRUSTED_SERVICES, "Choose the service that assumes the role"),
  template: z.literal("sqs-queue-worker"),
  queueArn: z
    .string()
    .trim()
    .regex(
      /^arn:aws[\w-]*:sqs:[a-z0-9-]+:\d{12}:[\w-]{1,80}(\.fifo)?$/,
      "Enter a queue ARN like arn:aws:sqs:us-east-1:123456789012:orders",
    ),
  instanceProfile: z.boolean().default(true),
});
export type RoleCreateInput = z.infer<typeof roleCreateInput>;

"use client";

import type { FormEvent } from "react";
import type { RoleCreateInput } from "@/lib/changes/kinds/role-create.schema";
import { TRUSTED_SERVICES } from "@/lib/templates/shared";
import { RequestDialog } from "@/components/requests/request-dialog";
import { useCreateRequest } from "@/components/requests/use-create-request";
import { Field } from "@/components/ui/field";

export function CreateServiceRole() {
  const { request, pending, fieldErrors: errors } = useCreateRequest();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    const input = {
      roleName: f.roleName,
      // The form offers only TRUSTED_SERVICES; the action validates it again.
      service: f.service as RoleCreateInput["service"],
      template: "sqs-queue-worker" as const,
      queueArn: f.queueArn,
      instanceProfile: f.instanceProfile === "on",
    };
    request({ kind: "role.create", input });
  }

  return (
    <RequestDialog
      label="Create service role"
      submit="Request the service role"
      pending={pending}
      onSubmit={onSubmit}
      title="Create a service role"
      description="Lets an AWS service act on a resource — for example, EC2 instances that work one SQS queue."
    >
      <Field label="Role name" error={errors.roleName}>
        <input name="roleName" required maxLength={64} className="input" placeholder="orders-worker" />
      </Field>
      <Field label="Trusted service (who may assume it)" error={errors.service}>
        <select name="service" className="input" defaultValue="ec2.amazonaws.com">
          {TRUSTED_SERVICES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </Field>
      <Field label="Permissions" hint="Send, receive and delete messages on one queue, nothing else.">
        <input readOnly value="Send to and receive from one SQS queue" className="input bg-slate-50" />
      </Field>
      <Field label="Queue ARN" error={errors.queueArn}>
        <input
          name="queueArn"
          required
          className="input font-mono"
          placeholder="arn:aws:sqs:us-east-1:123456789012:orders"
        />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="instanceProfile" defaultChecked /> Create an instance profile (needed for
        EC2)
      </label>
    </RequestDialog>
  );
}

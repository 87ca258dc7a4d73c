"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { addAccountAction } from "@/app/(console)/accounts/actions";
import { Field } from "@/components/ui/field";
import { ModalActions, ModalButton } from "@/components/ui/modal";
import { useServerAction } from "@/components/ui/use-server-action";

/**
 * Add an account by the role Gatehouse is to assume in it. The server checks the connection
 * first (AssumeRole, then GetCallerIdentity); a failure stays in the dialog, in words, and
 * nothing is added.
 */
export function AddAccountDialog({ appPrincipal }: { appPrincipal: string | null }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { run, pending, error, fieldErrors: errors } = useServerAction();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.currentTarget)) as Parameters<typeof addAccountAction>[0];
    run(addAccountAction, data, {
      toastError: false,
      success: (a) => `${a.name} added: connected as ${a.assumedPrincipal}`,
      onSuccess: () => {
        setOpen(false);
        router.refresh();
      },
    });
  }

  return (
    <ModalButton
      label="Add account"
      open={open}
      onOpenChange={setOpen}
      title="Add an AWS account"
      description={`Gatehouse assumes this role with STS AssumeRole. Its trust policy must name ${appPrincipal ?? "Gatehouse's principal"}.`}
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {error && (
          <p
            role="alert"
            data-testid="add-account-error"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {errors._?.[0] ?? error}
          </p>
        )}
        <Field label="Role ARN" error={errors.roleArn} hint="arn:aws:iam::<account id>:role/<name>">
          <input
            name="roleArn"
            required
            maxLength={2048}
            className="input font-mono"
            placeholder="arn:aws:iam::123456789012:role/GatehouseMember"
            data-autofocus
          />
        </Field>
        <Field
          label="ExternalId"
          error={errors.externalId}
          hint="The sts:ExternalId the role's trust policy asks for, if any."
        >
          <input name="externalId" maxLength={1224} className="input font-mono" autoComplete="off" />
        </Field>
        <Field label="Name" error={errors.name} hint="Optional; shown in the list.">
          <input name="name" maxLength={120} className="input" />
        </Field>
        <ModalActions
          onCancel={() => setOpen(false)}
          submit="Check and add"
          pendingLabel="Checking…"
          pending={pending}
        />
      </form>
    </ModalButton>
  );
}

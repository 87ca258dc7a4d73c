"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createEmployeeAction, updateEmployeeAction } from "@/app/(console)/people/actions";
import { Field } from "@/components/ui/field";
import { ModalActions, ModalButton } from "@/components/ui/modal";
import { useServerAction } from "@/components/ui/use-server-action";

type Person = { id: string; name: string; email: string; jobRole: string | null };

/** Add a person to the directory, or edit one. Nothing here touches IAM. */
export function PersonDialog({ person, jobRoles }: { person?: Person; jobRoles: string[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { run, pending, fieldErrors: errors } = useServerAction();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = {
      ...Object.fromEntries(new FormData(e.currentTarget)),
      ...(person ? { id: person.id } : {}),
    } as Parameters<typeof updateEmployeeAction>[0];
    run(person ? updateEmployeeAction : createEmployeeAction, data, {
      success: person ? "Saved" : `${data.name} added`,
      onSuccess: () => {
        setOpen(false);
        router.refresh();
      },
    });
  }

  return (
    <ModalButton
      label={person ? "Edit" : "Add person"}
      variant="secondary"
      open={open}
      onOpenChange={setOpen}
      title={person ? `Edit ${person.name}` : "Add a person"}
      description={person ? undefined : "A person in the directory has no AWS access until you onboard them."}
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field label="Name" error={errors.name}>
          <input
            name="name"
            required
            maxLength={120}
            defaultValue={person?.name}
            className="input"
            data-autofocus
          />
        </Field>
        <Field label="Email" error={errors.email}>
          <input
            name="email"
            type="email"
            required
            maxLength={320}
            defaultValue={person?.email}
            className="input"
          />
        </Field>
        <Field label="Job role" error={errors.jobRole} hint="Optional; onboarding picks the AWS access.">
          <input
            name="jobRole"
            list="job-roles"
            maxLength={64}
            defaultValue={person?.jobRole ?? ""}
            className="input"
          />
        </Field>
        <datalist id="job-roles">
          {jobRoles.map((j) => (
            <option key={j} value={j} />
          ))}
        </datalist>
        <ModalActions
          onCancel={() => setOpen(false)}
          submit={person ? "Save" : "Add person"}
          pendingLabel="Saving…"
          pending={pending}
        />
      </form>
    </ModalButton>
  );
}

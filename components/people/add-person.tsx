"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { createEmployeeAction } from "@/app/(console)/people/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";

export function AddPersonButton({ jobRoles }: { jobRoles: string[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [pending, start] = useTransition();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.currentTarget));
    start(async () => {
      const res = await createEmployeeAction(data);
      if (!res.ok) {
        setErrors(res.fieldErrors ?? {});
        toast.error(res.error);
        return;
      }
      setErrors({});
      setOpen(false);
      toast.success(`${data.name} added`);
      router.refresh();
    });
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>Add person</Button>
      <Modal open={open} onOpenChange={setOpen} title="Add a person" description="A person in the directory has no AWS access until you onboard them.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <Field label="Name" error={errors.name}><input name="name" required maxLength={120} className="input" autoFocus /></Field>
          <Field label="Email" error={errors.email}><input name="email" type="email" required maxLength={320} className="input" /></Field>
          <Field label="Job role" error={errors.jobRole} hint="Optional; onboarding picks the AWS access.">
            <input name="jobRole" list="job-roles" maxLength={64} className="input" />
          </Field>
          <datalist id="job-roles">{jobRoles.map((j) => <option key={j} value={j} />)}</datalist>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" disabled={pending}>{pending ? "Adding…" : "Add person"}</Button>
          </div>
        </form>
      </Modal>
    </>
  );
}

"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { ModalActions, ModalButton } from "@/components/ui/modal";

/**
 * A "Create…" button whose dialog is a form that plans a change request: its fields, then Cancel
 * and `submit`, which says what it requests ("Request the job role"; "Planning…" while the plan is made
 * from IAM). Once the request exists
 * useCreateRequest opens it, so the dialog closes only by Cancel (or Escape).
 */
export function RequestDialog({
  label,
  submit,
  title,
  description,
  pending,
  onSubmit,
  formClassName = "space-y-4",
  children,
}: {
  label: string;
  /** The submit button: what it requests, never a bare "Request". */
  submit: string;
  title: string;
  description: string;
  pending: boolean;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  formClassName?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <ModalButton label={label} open={open} onOpenChange={setOpen} title={title} description={description}>
      <form onSubmit={onSubmit} className={formClassName} noValidate>
        {children}
        <ModalActions
          onCancel={() => setOpen(false)}
          submit={submit}
          pendingLabel="Planning…"
          pending={pending}
        />
      </form>
    </ModalButton>
  );
}

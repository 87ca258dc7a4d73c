"use client";

import { useState } from "react";
import { InlineForm, InlineInput } from "@/components/ui/inline-form";
import { useServerAction } from "@/components/ui/use-server-action";
import { setSnapshotRetentionAction } from "@/app/(console)/review/actions";

/** Admin-only: how long snapshots are kept. Campaigns' snapshots and the newest are always kept. */
export function RetentionForm({ days, max }: { days: number; max: number }) {
  const [value, setValue] = useState({ days: String(days), max: String(max) });
  const { run, pending, fieldErrors: errors, error: failed } = useServerAction();
  // A refusal names its fields when it can; the general message shows only when it does not.
  const error = Object.keys(errors).length ? null : failed;
  const save = () =>
    run(setSnapshotRetentionAction, value, {
      toastError: false,
      success: (r) =>
        `Snapshot retention saved${r.deleted ? `; ${r.deleted} older snapshot(s) deleted` : ""}`,
    });
  const numberField = (key: "days" | "max", label: string, upTo: number) => (
    <InlineInput
      label={label}
      type="number"
      min={0}
      max={upTo}
      value={value[key]}
      onChange={(text) => setValue((v) => ({ ...v, [key]: text }))}
      invalid={!!errors[key]}
      className="w-32"
    />
  );
  return (
    <InlineForm
      label="Snapshot retention"
      onSubmit={save}
      submit="Save"
      variant="secondary"
      pending={pending}
      errors={[error, ...(errors.days ?? []), ...(errors.max ?? [])]}
      note="The newest snapshot and every snapshot a review campaign uses are never deleted. Older snapshots take their drift findings with them."
    >
      {numberField("days", "Keep snapshots (days, 0 = any age)", 3650)}
      {numberField("max", "At most (snapshots, 0 = any number)", 100000)}
    </InlineForm>
  );
}

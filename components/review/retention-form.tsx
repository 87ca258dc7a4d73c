"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
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
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      aria-label="Snapshot retention"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label className="text-xs font-medium text-slate-600">
        Keep snapshots (days, 0 = any age)
        <input
          type="number"
          min={0}
          max={3650}
          value={value.days}
          onChange={(e) => setValue((v) => ({ ...v, days: e.target.value }))}
          className="input mt-1 w-32"
          aria-invalid={!!errors.days}
        />
      </label>
      <label className="text-xs font-medium text-slate-600">
        At most (snapshots, 0 = any number)
        <input
          type="number"
          min={0}
          max={100000}
          value={value.max}
          onChange={(e) => setValue((v) => ({ ...v, max: e.target.value }))}
          className="input mt-1 w-32"
          aria-invalid={!!errors.max}
        />
      </label>
      <Button type="submit" variant="secondary" disabled={pending}>
        Save
      </Button>
      {[error, ...(errors.days ?? []), ...(errors.max ?? [])].filter(Boolean).map((m) => (
        <p key={m} role="alert" className="text-sm text-red-700">
          {m}
        </p>
      ))}
      <p className="w-full text-xs text-slate-500">
        The newest snapshot and every snapshot a review campaign uses are never deleted. Older snapshots take
        their drift findings with them.
      </p>
    </form>
  );
}

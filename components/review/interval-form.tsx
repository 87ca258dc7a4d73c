"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";
import { setSyncIntervalAction } from "@/app/(console)/review/actions";

/** Admin-only: how often the account is synced in the background (0 = only on demand). */
export function IntervalForm({ minutes }: { minutes: number }) {
  const [value, setValue] = useState(String(minutes));
  const { run, pending, error: failed, fieldErrors } = useServerAction();
  const error = failed && (fieldErrors.minutes?.[0] ?? failed);
  const save = () =>
    run(
      setSyncIntervalAction,
      { minutes: value },
      {
        toastError: false,
        success:
          Number(value) === 0
            ? "Interval sync turned off"
            : `The account will be synced every ${value} minutes`,
      },
    );
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label className="text-xs font-medium text-slate-600">
        Sync every (minutes, 0 = off)
        <input
          type="number"
          min={0}
          max={10080}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="input mt-1 w-32"
          aria-invalid={!!error}
        />
      </label>
      <Button type="submit" variant="secondary" disabled={pending}>
        Save
      </Button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}

"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { setSyncIntervalAction } from "@/app/(console)/review/actions";

/** Admin-only: how often the account is synced in the background (0 = only on demand). */
export function IntervalForm({ minutes }: { minutes: number }) {
  const [value, setValue] = useState(String(minutes));
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const save = () =>
    start(async () => {
      const r = await setSyncIntervalAction({ minutes: value });
      if (r.ok) {
        setError(null);
        toast.success(
          Number(value) === 0
            ? "Interval sync turned off"
            : `The account will be synced every ${value} minutes`,
        );
      } else setError(r.fieldErrors?.minutes?.[0] ?? r.error);
    });
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

"use client";

import { useState } from "react";
import { InlineForm, InlineInput } from "@/components/ui/inline-form";
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
    <InlineForm onSubmit={save} submit="Save" variant="secondary" pending={pending} errors={[error]}>
      <InlineInput
        label="Sync every (minutes, 0 = off)"
        type="number"
        min={0}
        max={10080}
        value={value}
        onChange={setValue}
        invalid={!!error}
        className="w-32"
      />
    </InlineForm>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { InlineForm, InlineInput } from "@/components/ui/inline-form";
import { useServerAction } from "@/components/ui/use-server-action";
import { acknowledgeDriftAction } from "@/app/(console)/review/actions";
import { reviewKeys } from "./query-keys";

/** "Acknowledge" on one drift item: opens a one-line note (why it is fine), audited with it. */
export function AcknowledgeDrift({ id, summary }: { id: string; summary: string }) {
  const router = useRouter();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const { run, pending, fieldErrors } = useServerAction();
  if (!open)
    return (
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Acknowledge: ${summary}`}>
        Acknowledge
      </Button>
    );
  return (
    <InlineForm
      label={`Acknowledge: ${summary}`}
      submit="Acknowledge"
      variant="secondary"
      pending={pending}
      errors={fieldErrors.note ?? []}
      onSubmit={() =>
        run(
          acknowledgeDriftAction,
          { id, note },
          {
            success: "Drift acknowledged (in the audit log with your note)",
            toastError: false,
            onSuccess: async () => {
              await client.invalidateQueries({ queryKey: reviewKeys.all });
              router.refresh();
            },
          },
        )
      }
    >
      <InlineInput
        label="Why is this fine?"
        value={note}
        onChange={setNote}
        invalid={!!fieldErrors.note}
        className="w-64"
        maxLength={500}
        autoFocus
        required
      />
      <Button variant="secondary" type="button" onClick={() => setOpen(false)}>
        Cancel
      </Button>
    </InlineForm>
  );
}

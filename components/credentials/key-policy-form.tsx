"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { setKeyPolicyAction } from "@/app/(console)/review/credentials/actions";
import type { KeyPolicy } from "@/lib/review/review.schema";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useServerAction } from "@/components/ui/use-server-action";

/** The account's key policy; admins change it (audited), everyone else reads it. */
export function KeyPolicyForm({ policy, canEdit }: { policy: KeyPolicy; canEdit: boolean }) {
  const router = useRouter();
  const { run, pending, fieldErrors } = useServerAction();
  const [maxAgeDays, setAge] = useState(String(policy.maxAgeDays));
  const [maxUnusedDays, setUnused] = useState(String(policy.maxUnusedDays));
  if (!canEdit)
    return (
      <p className="text-sm" data-testid="key-policy">
        Maximum key age: {policy.maxAgeDays ? `${policy.maxAgeDays} days` : "no limit"} · maximum unused time:{" "}
        {policy.maxUnusedDays ? `${policy.maxUnusedDays} days` : "no limit"}. Admins change it.
      </p>
    );
  return (
    <form
      className="flex flex-wrap items-end gap-4"
      data-testid="key-policy"
      onSubmit={(e) => {
        e.preventDefault();
        run(setKeyPolicyAction, { maxAgeDays, maxUnusedDays } as unknown as KeyPolicy, {
          success: "Key policy saved",
          onSuccess: () => router.refresh(),
        });
      }}
    >
      <Field label="Maximum key age (days)" hint="0 = no limit" error={fieldErrors.maxAgeDays}>
        <input
          className="input w-28"
          inputMode="numeric"
          value={maxAgeDays}
          onChange={(e) => setAge(e.target.value)}
        />
      </Field>
      <Field label="Maximum unused time (days)" hint="0 = no limit" error={fieldErrors.maxUnusedDays}>
        <input
          className="input w-28"
          inputMode="numeric"
          value={maxUnusedDays}
          onChange={(e) => setUnused(e.target.value)}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        Save policy
      </Button>
    </form>
  );
}

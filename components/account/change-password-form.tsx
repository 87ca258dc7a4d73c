"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { changePasswordAction } from "@/app/(console)/account/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useServerAction } from "@/components/ui/use-server-action";

/** Current password + new one (twice). `forced`: the first sign-in with a one-time password. */
export function ChangePasswordForm({ forced, email }: { forced: boolean; email: string }) {
  const { run, pending, fieldErrors: errors, setFieldErrors: setErrors } = useServerAction();
  const [message, setMessage] = useState<string | null>(null);
  const router = useRouter();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const current = String(data.get("current") ?? "");
    const next = String(data.get("next") ?? "");
    if (next !== String(data.get("confirm") ?? "")) {
      setErrors({ confirm: ["The two new passwords differ."] });
      setMessage("The two new passwords differ.");
      return;
    }
    run(
      changePasswordAction,
      { current, next },
      {
        toastError: false,
        onError: (f) =>
          setMessage(f.fieldErrors ? (Object.values(f.fieldErrors).flat()[0] ?? f.error) : f.error),
        onSuccess: () => {
          setMessage(null);
          form.reset();
          if (forced) router.replace("/people");
          else toast.success("Password changed. Your other sessions have ended.");
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="max-w-md space-y-4" noValidate>
      {message && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {message}
        </p>
      )}
      {/* For password managers: which account the new password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field label={forced ? "One-time password" : "Current password"} error={errors.current}>
        <input
          name="current"
          type="password"
          autoComplete="current-password"
          required
          className="input w-full"
        />
      </Field>
      <Field
        label="New password"
        hint="At least 12 characters, not easy to guess: several unrelated words work well."
        error={errors.next}
      >
        <input
          name="next"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          className="input w-full"
        />
      </Field>
      <Field label="New password again" error={errors.confirm}>
        <input name="confirm" type="password" autoComplete="new-password" required className="input w-full" />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : forced ? "Set my password" : "Change password"}
      </Button>
    </form>
  );
}

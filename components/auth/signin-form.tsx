"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";

const THROTTLED = "THROTTLED:";

function messageFor(code: string | null): string | null {
  if (!code) return null;
  if (code.startsWith(THROTTLED)) {
    const seconds = Number(code.slice(THROTTLED.length)) || 60;
    const wait =
      seconds < 60
        ? `${seconds} second${seconds === 1 ? "" : "s"}`
        : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? "" : "s"}`;
    return `Too many failed attempts. Try again in ${wait}, or ask an admin to unlock your account.`;
  }
  if (code === "CredentialsSignin") return "That email and password do not match an account.";
  if (code === "AccessDenied") return "Your account does not have access to Gatehouse.";
  if (code === "SessionRequired") return "Sign in to continue.";
  return "Sign-in failed. Try again, or ask an admin.";
}

export function SignInForm({
  sso,
  initialError,
  callbackUrl,
}: {
  sso: string | null;
  initialError: string | null;
  callbackUrl: string;
}) {
  const [error, setError] = useState<string | null>(messageFor(initialError));
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("credentials", {
      redirect: false,
      email: form.get("email"),
      password: form.get("password"),
    });
    if (res?.ok && !res.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(messageFor(res?.error ?? "CredentialsSignin"));
  }

  return (
    <div className="space-y-5">
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {sso && (
        <>
          <Button type="button" className="w-full" onClick={() => signIn("oidc", { callbackUrl })}>
            Sign in with {sso}
          </Button>
          <div className="flex items-center gap-3 text-xs text-slate-500">
            <span className="h-px flex-1 bg-slate-200" /> or with a password{" "}
            <span className="h-px flex-1 bg-slate-200" />
          </div>
        </>
      )}
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <label className="block text-sm font-medium text-slate-700">
          Email
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
          />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
          />
        </label>
        <Button type="submit" variant={sso ? "secondary" : "primary"} className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
    </div>
  );
}

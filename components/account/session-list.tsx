"use client";

import { useState } from "react";
import { signOut } from "next-auth/react";
import type { SessionView } from "@/lib/auth/sessions";
import { endOtherSessionsAction, endSessionAction } from "@/app/(console)/account/actions";
import { Badge } from "@/components/ui/badge";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { DataTable } from "@/components/ui/data-table";
import { useServerAction } from "@/components/ui/use-server-action";
import { Time } from "@/components/ui/time";
import { formatTime } from "@/lib/format-time";

function describe(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : null;
  const os = /Windows/.test(userAgent)
    ? "Windows"
    : /Mac OS X/.test(userAgent)
      ? "macOS"
      : /Android/.test(userAgent)
        ? "Android"
        : /iPhone|iPad/.test(userAgent)
          ? "iOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return browser || os ? [browser, os].filter(Boolean).join(" on ") : userAgent.slice(0, 60);
}

/** The member's own sessions, each with a way to end it. */
export function SessionList({ sessions: initial }: { sessions: SessionView[] }) {
  const [sessions, setSessions] = useState(initial);
  const { run, pending } = useServerAction();
  const others = sessions.filter((s) => !s.current).length;

  function end(session: SessionView) {
    run(
      endSessionAction,
      { sessionId: session.id },
      {
        success: session.current ? undefined : "Session ended",
        onSuccess: (left) => (session.current ? void signOut({ callbackUrl: "/signin" }) : setSessions(left)),
      },
    );
  }

  function endOthers() {
    run(endOtherSessionsAction, {}, { success: "Your other sessions have ended", onSuccess: setSessions });
  }

  return (
    <div className="space-y-4">
      <DataTable
        frame="none"
        columns={["Browser", "Signed in", "Last active", "From", { label: "Actions", srOnly: true }]}
      >
        {sessions.map((s) => (
          <tr key={s.id} data-testid="account-session">
            <td className="py-2">
              <span title={s.userAgent ?? undefined}>{describe(s.userAgent)}</span>{" "}
              {s.current && <Badge tone="green">This session</Badge>}
              <div className="text-xs text-slate-500">{s.method === "oidc" ? "SSO" : "Password"}</div>
            </td>
            <td>
              <Time value={s.createdAt} />
            </td>
            <td>
              <Time value={s.lastSeenAt} />
            </td>
            <td className="font-mono text-xs">{s.address ?? "—"}</td>
            <td className="text-right">
              <ConfirmButton
                label={s.current ? "Sign out" : "End"}
                ariaLabel={
                  s.current ? "Sign out of this session" : `End session signed in ${formatTime(s.createdAt)}`
                }
                title={s.current ? "Sign out of this session?" : "End this session?"}
                body={
                  s.current
                    ? "You will need to sign in again here."
                    : "That browser is signed out at its next request."
                }
                confirm={s.current ? "Sign out" : "End session"}
                disabled={pending}
                onConfirm={() => end(s)}
              />
            </td>
          </tr>
        ))}
      </DataTable>
      {others > 0 && (
        <ConfirmButton
          label={`End all other sessions (${others})`}
          title="End all your other sessions?"
          body="Every other browser where you are signed in is signed out at its next request. This one stays signed in."
          confirm="End other sessions"
          variant="secondary"
          disabled={pending}
          onConfirm={endOthers}
        />
      )}
    </div>
  );
}

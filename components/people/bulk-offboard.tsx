"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { RequestView } from "@/lib/changes/types";
import { startOffboardingAction } from "@/app/(console)/people/offboard-actions";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";

export type Offboardable = {
  id: string;
  name: string;
  iamUserName: string;
  /** As on the person's page (offboardTargets): every managed account, and their linked users. */
  accounts?: string[];
  users?: { accountId: string; userName: string }[];
};
type Outcome = { person: Offboardable; status: string; requestId?: string; error?: string };

export const BULK_FORM_ID = "bulk-offboard";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForEnd(id: string): Promise<string> {
  for (;;) {
    const res = await fetch(`/api/requests/${id}`, { cache: "no-store" });
    if (res.ok) {
      const r = (await res.json()) as RequestView;
      if (r.status !== "executing" && r.status !== "approved") return r.status;
    }
    await sleep(700);
  }
}

/**
 * "Offboard selected" on the People list. The row checkboxes belong to this form (form=…), so
 * the table stays a server component. One request per person, one after another, each waited
 * for, with progress and a summary at the end.
 */
export function BulkOffboard({ people }: { people: Offboardable[] }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<Offboardable[]>([]);
  const [mode, setMode] = useState<"delete" | "disable">("delete");
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [running, setRunning] = useState(false);
  const open = chosen.length > 0;
  const done = !running && outcomes.length === chosen.length && outcomes.length > 0;

  async function run() {
    setRunning(true);
    const out: Outcome[] = [];
    for (const person of chosen) {
      const res = await startOffboardingAction({
        userName: person.iamUserName,
        employeeId: person.id,
        mode,
        ...(person.accounts ? { accounts: person.accounts } : {}),
        ...(person.users ? { users: person.users } : {}),
      });
      const outcome: Outcome = res.ok
        ? {
            person,
            requestId: res.data.id,
            status: res.data.started ? await waitForEnd(res.data.id) : res.data.status,
          }
        : { person, status: "refused", error: res.error };
      out.push(outcome);
      setOutcomes([...out]);
    }
    setRunning(false);
  }

  // The list refreshes when the summary is closed: refreshing while it is open could unmount
  // this form (no one left to offboard) and take the summary with it.
  function close() {
    if (running) return;
    const finished = outcomes.length > 0;
    setChosen([]);
    setOutcomes([]);
    if (finished) router.refresh();
  }

  return (
    <form
      id={BULK_FORM_ID}
      className="mb-3 flex items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const ids = new FormData(e.currentTarget).getAll("offboard").map(String);
        setOutcomes([]);
        setChosen(people.filter((p) => ids.includes(p.id)));
      }}
    >
      <Button type="submit" variant="danger">
        Offboard selected
      </Button>
      <span className="text-xs text-slate-500">Tick people in the table first.</span>
      <Modal
        open={open}
        onOpenChange={(o) => {
          if (!o) close();
        }}
        title={`Offboard ${chosen.length} ${chosen.length === 1 ? "person" : "people"}?`}
        description="Each gets their own request, planned from IAM, approved by you and run one after another. Each is locked out first."
      >
        <ul className="max-h-72 space-y-1 overflow-y-auto text-sm" data-testid="bulk-offboard-progress">
          {chosen.map((p) => {
            const o = outcomes.find((x) => x.person.id === p.id);
            return (
              <li key={p.id} data-status={o?.status ?? "waiting"}>
                <strong>{p.name}</strong> <span className="font-mono text-xs">{p.iamUserName}</span> —{" "}
                {o ? (
                  o.requestId ? (
                    <a className="text-indigo-700 hover:underline" href={`/requests/${o.requestId}`}>
                      {o.status}
                    </a>
                  ) : (
                    <span className="text-red-700">{o.error}</span>
                  )
                ) : running && outcomes.length === chosen.indexOf(p) ? (
                  "running…"
                ) : (
                  "waiting"
                )}
              </li>
            );
          })}
        </ul>
        {done && (
          <p role="status" className="mt-3 text-sm">
            {outcomes.filter((o) => o.status === "succeeded").length} of {outcomes.length} offboarded
            {outcomes.some((o) => o.status !== "succeeded") && "; open the others to retry or review them"}.
          </p>
        )}
        <fieldset className="mt-3 flex gap-4 text-sm" disabled={running || done}>
          <label className="flex items-center gap-1.5">
            <input type="radio" checked={mode === "delete"} onChange={() => setMode("delete")} /> Delete the
            IAM users
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" checked={mode === "disable"} onChange={() => setMode("disable")} /> Disable
            only
          </label>
        </fieldset>
        <div className="mt-4 flex justify-end gap-2">
          <Button type="button" variant="secondary" disabled={running} onClick={close}>
            {done ? "Close" : "Cancel"}
          </Button>
          {!done && (
            <Button type="button" variant="danger" disabled={running} onClick={() => void run()}>
              {running ? "Offboarding…" : `Offboard ${chosen.length} now`}
            </Button>
          )}
        </div>
      </Modal>
    </form>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { PlanPreview } from "@/lib/changes";
import type { RequestView } from "@/lib/changes/types";
import { previewRequestAction } from "@/app/(console)/requests/actions";
import { startOffboardingAction } from "@/app/(console)/people/offboard-actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";

export type Offboardable = {
  id: string;
  name: string;
  iamUserName: string;
  /** As on the person's page (offboardTargets): every managed account, and their linked users. */
  accounts?: string[];
  users?: { accountId: string; userName: string }[];
};
type Mode = "delete" | "disable";
type Outcome = { person: Offboardable; status: string; requestId?: string; error?: string };
/** A person's plan as read from IAM when the dialog opened (or the mode changed), or why it could not be. */
type Plan = { steps: string[]; unread: string[] } | { error: string };

export const BULK_FORM_ID = "bulk-offboard";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

const inputOf = (person: Offboardable, mode: Mode) => ({
  userName: person.iamUserName,
  employeeId: person.id,
  mode,
  ...(person.accounts ? { accounts: person.accounts } : {}),
  ...(person.users ? { users: person.users } : {}),
});

const planOf = (p: PlanPreview): Plan => ({
  steps: p.steps.map((s) => s.title),
  unread: Object.values((p.evidence.unread ?? {}) as Record<string, string>),
});

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
 * Each chosen person's plan, read from IAM one after another (as the person's page shows it),
 * again when the mode changes; a newer reading replaces an older one still under way.
 */
function usePlans(chosen: Offboardable[], mode: Mode, opening: number): Map<string, Plan> {
  // Kept with the reading they belong to (this opening of the dialog, its mode): an older
  // reading's plans never show.
  const reading = `${opening}:${mode}:${chosen.length}`;
  const [plans, setPlans] = useState<{ reading: string; byId: Map<string, Plan> }>({
    reading: "",
    byId: new Map(),
  });
  const latest = useRef("");
  useEffect(() => {
    latest.current = reading;
    void (async () => {
      for (const person of chosen) {
        const res = await previewRequestAction({ kind: "user.offboard", input: inputOf(person, mode) });
        if (latest.current !== reading) return;
        const plan = res.ok ? planOf(res.data) : { error: res.error };
        setPlans((s) => ({
          reading,
          byId: new Map(s.reading === reading ? s.byId : []).set(person.id, plan),
        }));
      }
    })();
  }, [chosen, mode, reading]);
  return plans.reading === reading ? plans.byId : new Map();
}

/**
 * "Offboard selected" on the People list. The row checkboxes belong to this form (form=…), so
 * the table stays a server component. The dialog shows each person's plan and asks for the number
 * of people typed out before anything runs (a one-click removal of many is easy to misfire). Then
 * one request per person, one after another, each waited for, with progress and a summary.
 */
export function BulkOffboard({ people: offboardable }: { people: Offboardable[] }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<Offboardable[]>([]);
  const [mode, setMode] = useState<Mode>("delete");
  const [typed, setTyped] = useState("");
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [running, setRunning] = useState(false);
  const [opening, setOpening] = useState(0);
  const plans = usePlans(chosen, mode, opening);
  const open = chosen.length > 0;
  const started = running || outcomes.length > 0;
  const done = !running && outcomes.length === chosen.length && outcomes.length > 0;
  const planned = chosen.every((p) => plans.has(p.id));
  const confirmed = typed.trim() === String(chosen.length);

  async function run() {
    setRunning(true);
    const out: Outcome[] = [];
    for (const person of chosen) {
      const res = await startOffboardingAction(inputOf(person, mode));
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
    setTyped("");
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
        setTyped("");
        setOpening((n) => n + 1);
        setChosen(offboardable.filter((p) => ids.includes(p.id)));
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
        title={`Offboard ${people(chosen.length)}?`}
        description="Each gets their own request, approved by you and run one after another: locked out first, then everything below removed. Each plan is read from IAM now and again when its request starts."
      >
        <fieldset className="mb-3 flex gap-4 text-sm" disabled={started}>
          <legend className="sr-only">What happens to the IAM users</legend>
          <label className="flex items-center gap-1.5">
            <input type="radio" checked={mode === "delete"} onChange={() => setMode("delete")} /> Delete the
            IAM users
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" checked={mode === "disable"} onChange={() => setMode("disable")} /> Disable
            only
          </label>
        </fieldset>
        <ul className="max-h-80 space-y-3 overflow-y-auto text-sm" data-testid="bulk-offboard-progress">
          {chosen.map((p, i) => (
            <PersonPlan
              key={p.id}
              person={p}
              plan={plans.get(p.id)}
              outcome={outcomes.find((x) => x.person.id === p.id)}
              current={running && outcomes.length === i}
            />
          ))}
        </ul>
        {done && (
          <p role="status" className="mt-3 text-sm">
            {outcomes.filter((o) => o.status === "succeeded").length} of {outcomes.length} offboarded
            {outcomes.some((o) => o.status !== "succeeded") && "; open the others to retry or review them"}.
          </p>
        )}
        {!started && (
          <div className="mt-3">
            <Field
              label={`Type ${chosen.length} to confirm`}
              hint={`The number of people this offboards: ${people(chosen.length)}.`}
            >
              <input
                className="input w-24"
                inputMode="numeric"
                autoComplete="off"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
              />
            </Field>
          </div>
        )}
        <div className="mt-4 flex justify-end gap-2">
          {/* Focus starts on Cancel: Enter never confirms a removal by default. */}
          <Button type="button" variant="secondary" data-autofocus disabled={running} onClick={close}>
            {done ? "Close" : "Cancel"}
          </Button>
          {!done && (
            <Button
              type="button"
              variant="danger"
              disabled={running || !planned || !confirmed}
              onClick={() => void run()}
            >
              {running ? "Offboarding…" : `Offboard ${chosen.length} now`}
            </Button>
          )}
        </div>
      </Modal>
    </form>
  );
}

/** One person in the dialog: who, their plan (or why it could not be read), then how their request went. */
function PersonPlan({
  person: p,
  plan,
  outcome: o,
  current,
}: {
  person: Offboardable;
  plan: Plan | undefined;
  outcome: Outcome | undefined;
  current: boolean;
}) {
  return (
    <li
      data-status={o?.status ?? "waiting"}
      data-person={p.name}
      className="rounded-md border border-slate-200 p-2"
    >
      <div>
        <strong>{p.name}</strong> <span className="font-mono text-xs">{p.iamUserName}</span> —{" "}
        {o ? (
          o.requestId ? (
            <a className="text-indigo-700 hover:underline" href={`/requests/${o.requestId}`}>
              {o.status}
            </a>
          ) : (
            <span className="text-red-700">{o.error}</span>
          )
        ) : current ? (
          "running…"
        ) : (
          "waiting"
        )}
      </div>
      {!plan ? (
        <p className="text-xs text-slate-500">Reading {p.iamUserName} from IAM…</p>
      ) : "error" in plan ? (
        <p className="text-xs text-red-700">The plan could not be made: {plan.error}</p>
      ) : (
        <>
          {plan.unread.length > 0 && (
            <p className="text-xs text-amber-800">Not readable just now: {plan.unread.join("; ")}</p>
          )}
          <ol className="mt-1 list-decimal pl-5 text-xs text-slate-700" data-testid="bulk-offboard-plan">
            {plan.steps.map((title, i) => (
              <li key={i}>{title}</li>
            ))}
          </ol>
        </>
      )}
    </li>
  );
}

import { AUDIT_ACTIONS, auditKindGroups, kindWords } from "@/lib/audit";
import { InlineLabel } from "@/components/ui/inline-form";

/** Each domain of audit kinds, as the picker heads it. */
const DOMAINS: Record<string, string> = {
  accounts: "AWS accounts",
  audit: "Audit log",
  auth: "Sign-in",
  credentials: "Credentials",
  secret: "Credentials",
  job_roles: "Job roles",
  people: "People",
  request: "Requests",
  review: "Access review",
  settings: "Settings",
  step: "Request steps",
  team: "Team",
  template: "Policy templates",
};

/**
 * The audit filter's kind: a choice of the kinds Gatehouse writes (each domain's first option
 * takes all of its kinds), so nobody has to know the names. Older stored names are found
 * under today's (lib/audit/query.ts).
 */
export function EventPicker({ value }: { value?: string }) {
  return (
    <InlineLabel label="Event type">
      <select name="action" defaultValue={value ?? ""} className="input mt-1">
        <option value="">Any event</option>
        {auditKindGroups(AUDIT_ACTIONS).map(({ domain, kinds }) => {
          const heading = DOMAINS[domain] ?? domain;
          return (
            <optgroup key={domain} label={heading}>
              {kinds.length > 1 && <option value={`${domain}.`}>{heading}: all</option>}
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {heading}: {kindWords(k)}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
    </InlineLabel>
  );
}

import { loadCatalog, type Catalog } from "@/lib/policy";
import { ACTION_LEVEL_SERVICES, type ServiceUse } from "../activity/last-accessed";
import { isoTime } from "../http/xml";
import { IamError, invalidInput } from "./errors";
import type { HandlerTable } from "./handler";
import { randomString } from "./ids";
import { paginate, pageOut } from "./paginate";
import { RULES } from "./params";
import { documentOf, groupPolicies, rolePolicies, userPolicies } from "./principal-policies";
import { arn, type Ctx } from "./state";
import type { State } from "./types";

// Access Advisor (service last accessed data), built from activity/last-accessed.ts. A job is
// computed when it is generated, so a report shows the data as of its JobCreationDate, and is
// COMPLETED at once: clients that poll while IN_PROGRESS simply stop polling sooner.

/** One IAM entity a report speaks about (EntityInfo in the API). */
interface Entity {
  arn: string;
  name: string;
  type: "USER" | "ROLE";
  id: string;
  path: string;
}

interface ServiceRow {
  namespace: string;
  name: string;
  /** entities that could use the service through the report's subject, with their last use */
  entities: { entity: Entity; use?: ServiceUse }[];
}

export interface AccessAdvisorJob {
  id: string;
  granularity: "SERVICE_LEVEL" | "ACTION_LEVEL";
  created: number;
  completed: number;
  services: ServiceRow[];
}

/** AWS reports usage within its tracking period only (docs/iam-facts.md#access-advisor). */
const TRACKING_PERIOD_MS = 400 * 24 * 60 * 60 * 1000;
/** Reports are kept for a while; the oldest go first beyond this many. */
const MAX_JOBS = 1_000;
const GRANULARITIES = ["SERVICE_LEVEL", "ACTION_LEVEL"] as const;

/** The service namespaces the Allow statements of these policies grant any action in. */
function allowedServices(catalog: Catalog, texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    for (const st of documentOf(text).Statement) {
      if (st.Effect !== "Allow") continue;
      if (st.Action)
        for (const pattern of st.Action) for (const a of catalog.expand(pattern)) out.add(a.service);
      if (st.NotAction) {
        const excluded = new Set(st.NotAction.flatMap((pattern) => catalog.expand(pattern)));
        for (const a of catalog.actions) if (!excluded.has(a)) out.add(a.service);
      }
    }
  }
  return out;
}

function userEntity(s: State, key: string): Entity | undefined {
  const u = s.users.get(key);
  return u && { arn: arn.user(s, u), name: u.name, type: "USER", id: u.id, path: u.path };
}

function roleEntity(s: State, key: string): Entity | undefined {
  const r = s.roles.get(key);
  return r && { arn: arn.role(s, r), name: r.name, type: "ROLE", id: r.id, path: r.path };
}

const texts = (p: { identity: { source: { text: string } }[] }) => p.identity.map((x) => x.source.text);

/** The report's subject: the policy texts that decide its services, and who may use them. */
function subject(s: State, target: string): { texts: string[]; entities: Entity[] } {
  const m = /^arn:aws:iam::(\d{12}|aws):(user|group|role|policy)(\/.*)$/.exec(target);
  if (!m) throw invalidInput(`ARN ${target} is not valid.`);
  const [, account, kind, rest] = m;
  const name = rest.slice(rest.lastIndexOf("/") + 1);
  const missing = () => new IamError("NoSuchEntity", `The entity ${target} does not exist.`);
  if (kind !== "policy" && account !== s.accountId) throw missing();
  const mustMatch = (actual: string) => {
    if (actual !== target) throw missing();
  };
  if (kind === "user") {
    const u = s.users.get(name.toLowerCase());
    if (!u) throw missing();
    mustMatch(arn.user(s, u));
    return { texts: texts(userPolicies(s, u)), entities: [userEntity(s, name.toLowerCase())!] };
  }
  if (kind === "role") {
    const r = s.roles.get(name.toLowerCase());
    if (!r) throw missing();
    mustMatch(arn.role(s, r));
    return { texts: texts(rolePolicies(s, r)), entities: [roleEntity(s, name.toLowerCase())!] };
  }
  if (kind === "group") {
    const g = s.groups.get(name.toLowerCase());
    if (!g) throw missing();
    mustMatch(arn.group(s, g));
    const members = [...g.members].flatMap((k) => userEntity(s, k) ?? []);
    return { texts: texts(groupPolicies(s, g)), entities: members };
  }
  const p = s.policies.get(target);
  if (!p) throw missing();
  // A policy's entities: users and roles it is attached to, and the members of groups it is attached to.
  const users = new Set(p.attachedUsers);
  for (const g of p.attachedGroups) for (const u of s.groups.get(g)?.members ?? []) users.add(u);
  const entities = [
    ...[...users].flatMap((k) => userEntity(s, k) ?? []),
    ...[...p.attachedRoles].flatMap((k) => roleEntity(s, k) ?? []),
  ];
  return { texts: [p.versions.get(p.defaultVersion)!.document], entities };
}

function lastUse(s: State, entity: Entity, namespace: string, now: number): ServiceUse | undefined {
  const use = s.lastAccessed?.get(entity.id)?.get(namespace);
  return use && use.at >= now - TRACKING_PERIOD_MS ? use : undefined;
}

function newJobId(): string {
  const h = randomString(32, "0123456789abcdef");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function getJob(ctx: Ctx): AccessAdvisorJob {
  const id = ctx.p.req("JobId", { min: 36, max: 36 });
  const job = ctx.state.accessAdvisorJobs?.get(id);
  if (!job) throw new IamError("NoSuchEntity", `No such job ${id}.`);
  return job;
}

function jobHeader(job: AccessAdvisorJob) {
  return {
    JobStatus: "COMPLETED",
    JobCreationDate: isoTime(job.created),
    JobCompletionDate: isoTime(job.completed),
  };
}

/** The most recent use among the row's entities, as LastAuthenticated* reports it. */
function serviceOut(job: AccessAdvisorJob, row: ServiceRow) {
  const used = row.entities.filter((e) => e.use);
  const latest = used.reduce<(typeof used)[number] | undefined>(
    (best, e) => (!best || e.use!.at > best.use!.at ? e : best),
    undefined,
  );
  const tracked = job.granularity === "ACTION_LEVEL" && ACTION_LEVEL_SERVICES.has(row.namespace);
  const actions = new Map<string, { at: number; region: string; entity: string }>();
  if (tracked)
    for (const e of used)
      for (const [name, a] of e.use!.actions ?? [])
        if ((actions.get(name)?.at ?? -1) < a.at) actions.set(name, { ...a, entity: e.entity.arn });
  return {
    ServiceName: row.name,
    LastAuthenticated: latest && isoTime(latest.use!.at),
    ServiceNamespace: row.namespace,
    LastAuthenticatedEntity: latest?.entity.arn,
    LastAuthenticatedRegion: latest?.use!.region,
    TotalAuthenticatedEntities: used.length || undefined,
    TrackedActionsLastAccessed: tracked
      ? [...actions]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, a]) => ({
            ActionName: name,
            LastAccessedEntity: a.entity,
            LastAccessedTime: isoTime(a.at),
            LastAccessedRegion: a.region,
          }))
      : undefined,
  };
}

export const accessAdvisorHandlers: HandlerTable = {
  async GenerateServiceLastAccessedDetails(ctx) {
    const target = ctx.p.req("Arn", RULES.arn);
    const granularity = (ctx.p.opt("Granularity", { oneOf: GRANULARITIES }) ??
      "SERVICE_LEVEL") as AccessAdvisorJob["granularity"];
    const s = ctx.state;
    const { texts: policyTexts, entities } = subject(s, target);
    const catalog = await loadCatalog();
    const services = [...allowedServices(catalog, policyTexts)].sort().map((namespace) => ({
      namespace,
      name: catalog.serviceName(namespace) ?? namespace,
      entities: entities.map((entity) => ({ entity, use: lastUse(s, entity, namespace, ctx.now) })),
    }));
    const job: AccessAdvisorJob = {
      id: newJobId(),
      granularity,
      created: ctx.now,
      completed: ctx.now,
      services,
    };
    s.accessAdvisorJobs ??= new Map();
    if (s.accessAdvisorJobs.size >= MAX_JOBS)
      s.accessAdvisorJobs.delete(s.accessAdvisorJobs.keys().next().value!);
    s.accessAdvisorJobs.set(job.id, job);
    return { JobId: job.id };
  },

  GetServiceLastAccessedDetails(ctx) {
    const job = getJob(ctx);
    const page = paginate(job.services, (r) => r.namespace, ctx.p);
    return {
      ...jobHeader(job),
      JobType: job.granularity,
      ...pageOut("ServicesLastAccessed", page, (row) => serviceOut(job, row)),
    };
  },

  GetServiceLastAccessedDetailsWithEntities(ctx) {
    const job = getJob(ctx);
    const namespace = ctx.p.req("ServiceNamespace", { min: 1, max: 64, pattern: /^[\w-]*$/ });
    const row = job.services.find((r) => r.namespace === namespace);
    // Most recent use first, never-used entities last (by name), as AWS lists them.
    const sorted = [...(row?.entities ?? [])].sort(
      (a, b) => (b.use?.at ?? -1) - (a.use?.at ?? -1) || a.entity.name.localeCompare(b.entity.name),
    );
    const indexed = sorted.map((e, i) => ({ e, k: String(i).padStart(10, "0") }));
    const page = paginate(indexed, (x) => x.k, ctx.p);
    return {
      ...jobHeader(job),
      ...pageOut("EntityDetailsList", page, ({ e }) => ({
        EntityInfo: {
          Arn: e.entity.arn,
          Name: e.entity.name,
          Type: e.entity.type,
          Id: e.entity.id,
          Path: e.entity.path,
        },
        LastAuthenticated: e.use && isoTime(e.use.at),
      })),
    };
  },
};

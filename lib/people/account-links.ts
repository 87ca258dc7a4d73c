import "server-only";
import type { z } from "zod";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/session";
import {
  accountReadProblem,
  activeAccounts,
  ensureHomeAccount,
  getAccount,
  memberAccounts,
  openAccount,
} from "@/lib/aws-accounts";
import { db, type AwsAccount, type Employee } from "@/lib/db";
import { fieldError, isUniqueViolation, NotFoundError, UserError } from "@/lib/errors";
import { authorizationDetailPages, userDetail, type UserDetail } from "@/lib/iam";
import { connectionStatus } from "@/lib/iam/server";
import { EMPLOYEE_TAG, type accountUserSchema } from "./account-links.schema";

// A person's IAM users in the other AWS accounts Gatehouse manages (PersonAccountLink). A user
// is suggested when its name is the person's user name or its gatehouse:employee tag is the
// person's email; an operator confirms it ("Link") and may take it back ("Unlink"). One person
// per IAM user; one linked user per person and account (offboarding and its evidence are per
// account). The app's own account keeps its link on the employee (Employee.iamUserName).

export type MatchedBy = "user-name" | "tag";
type AccountRef = Pick<AwsAccount, "id" | "name" | "ouPath">;

export type LinkedUser = {
  userName: string;
  matchedBy: MatchedBy;
  confirmedBy: string;
  confirmedAt: string;
  /** Read live; null when the user no longer exists in the account (deleted outside Gatehouse). */
  user: UserDetail | null;
};

export type Suggestion = {
  userName: string;
  matchedBy: MatchedBy;
  arn: string;
  groups: string[];
  /** Someone else's already (one person per IAM user): shown, but cannot be linked here. */
  linkedTo: { id: string; name: string } | null;
};

/** A suggestion an operator dismissed (not this person): listed apart, still linkable. */
export type Dismissed = { userName: string; dismissedBy: string; dismissedAt: string };

export type PersonAccount =
  | {
      account: AccountRef;
      state: "read";
      linked: LinkedUser[];
      suggestions: Suggestion[];
      dismissed: Dismissed[];
    }
  | { account: AccountRef; state: "unreachable"; problem: string; linked: Omit<LinkedUser, "user">[] };

const same = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** How a user matches the person, if it does: by name first, then by the tag. */
function matchOf(
  person: Pick<Employee, "email" | "iamUserName">,
  userName: string,
  tags: Record<string, string>,
): MatchedBy | null {
  if (same(userName, person.iamUserName)) return "user-name";
  if (same(tags[EMPLOYEE_TAG]?.trim(), person.email)) return "tag";
  return null;
}

const ref = (a: AwsAccount): AccountRef => ({ id: a.id, name: a.name, ouPath: a.ouPath });

/**
 * Each other account's linked users (read live: groups, console, keys with last use) and
 * suggestions (users matching by name or tag, not linked to this person), in parallel; an
 * account that cannot be read says why instead. Empty while Gatehouse manages one account.
 */
export async function personAccounts(employeeId: string): Promise<PersonAccount[]> {
  const person = await db().employee.findUnique({ where: { id: employeeId } });
  if (!person) throw new NotFoundError("That person no longer exists.");
  const accounts = await memberAccounts();
  if (accounts.length === 0) return [];
  const links = await db().personAccountLink.findMany({
    where: { accountId: { in: accounts.map((a) => a.id) } },
    include: { person: { select: { id: true, name: true } } },
  });
  const dismissals = await db().personAccountDismissal.findMany({ where: { personId: person.id } });
  const principal = (await connectionStatus()).principalArn;
  return Promise.all(
    accounts.map(async (a): Promise<PersonAccount> => {
      const here = links.filter((l) => l.accountId === a.id);
      const mine = here
        .filter((l) => l.personId === person.id)
        .map((l) => ({
          userName: l.userName,
          matchedBy: l.matchedBy as MatchedBy,
          confirmedBy: l.confirmedBy,
          confirmedAt: l.confirmedAt.toISOString(),
        }));
      const opened = await openAccount(a);
      if (!opened.ok) return { account: ref(a), state: "unreachable", problem: opened.problem, linked: mine };
      try {
        const iam = opened.clients.iam;
        const suggestions: Suggestion[] = [];
        const dismissed: Dismissed[] = [];
        const dismissal = (userName: string) =>
          dismissals.find((d) => d.accountId === a.id && same(d.userName, userName));
        // One call per 1,000 users, tags included (ListUsers leaves tags out).
        for await (const page of authorizationDetailPages(iam, ["User"]))
          for (const u of page.UserDetailList ?? []) {
            const tags = Object.fromEntries((u.Tags ?? []).map((t) => [t.Key!, t.Value ?? ""]));
            const matchedBy = matchOf(person, u.UserName!, tags);
            if (!matchedBy || mine.some((m) => same(m.userName, u.UserName))) continue;
            const d = dismissal(u.UserName!);
            if (d) {
              dismissed.push({
                userName: u.UserName!,
                dismissedBy: d.dismissedBy,
                dismissedAt: d.dismissedAt.toISOString(),
              });
              continue;
            }
            const owner = here.find((l) => same(l.userName, u.UserName))?.person ?? null;
            suggestions.push({
              userName: u.UserName!,
              matchedBy,
              arn: u.Arn!,
              groups: u.GroupList ?? [],
              linkedTo: owner,
            });
          }
        const linked = await Promise.all(
          mine.map(async (m) => ({ ...m, user: await userDetail(iam, m.userName) })),
        );
        return { account: ref(a), state: "read", linked, suggestions, dismissed };
      } catch (e) {
        return {
          account: ref(a),
          state: "unreachable",
          problem: accountReadProblem(e, a, principal),
          linked: mine,
        };
      }
    }),
  );
}

type AccountUser = z.output<typeof accountUserSchema>;

async function personAndAccount(input: AccountUser) {
  const person = await db().employee.findUnique({ where: { id: input.employeeId } });
  if (!person) throw new NotFoundError("That person no longer exists.");
  const account = await getAccount(input.accountId);
  if (!account) throw fieldError("accountId", `Account ${input.accountId} is not in Gatehouse.`);
  return { person, account };
}

/**
 * Links an IAM user in another account to a person, after reading it live there: it must exist
 * and match the person (by name, or by its gatehouse:employee tag). Refused in words, with
 * nothing written: a user someone else has, a second user for the person in that account, the
 * app's own account (its user is the employee's own link), an account that cannot be read.
 */
export async function linkAccountUser(input: AccountUser, actor: Actor) {
  const { person, account } = await personAndAccount(input);
  if (person.status === "offboarded")
    throw new UserError(`${person.name} is offboarded; their users are not linked any more.`);
  if (account.source === "home")
    throw fieldError(
      "accountId",
      `${account.name} is Gatehouse's own account: a person's user there is their IAM user (People → link).`,
    );
  const here = await db().personAccountLink.findMany({
    where: { accountId: account.id },
    include: { person: true },
  });
  const taken = here.find((l) => same(l.userName, input.userName));
  if (taken)
    throw fieldError(
      "userName",
      taken.personId === person.id
        ? `${taken.userName} in ${account.name} is already linked to ${person.name}.`
        : `${taken.userName} in ${account.name} is already linked to ${taken.person.name}; an IAM user belongs to one person. Unlink it there first.`,
    );
  const own = here.find((l) => l.personId === person.id);
  if (own)
    throw fieldError(
      "userName",
      `${person.name} already has ${own.userName} linked in ${account.name}; Gatehouse links one user per person and account. Unlink it first.`,
    );
  const opened = await openAccount(account);
  if (!opened.ok) throw new UserError(`${account.name} cannot be read: ${opened.problem}`, "UNAVAILABLE");
  let user: UserDetail | null;
  try {
    user = await userDetail(opened.clients.iam, input.userName);
  } catch (e) {
    const problem = accountReadProblem(e, account, (await connectionStatus()).principalArn);
    throw new UserError(`${account.name} cannot be read: ${problem}`, "UNAVAILABLE");
  }
  if (!user) throw fieldError("userName", `There is no IAM user named ${input.userName} in ${account.name}.`);
  const matchedBy = matchOf(person, user.userName, user.tags);
  if (!matchedBy)
    throw fieldError(
      "userName",
      `${user.userName} in ${account.name} is neither named ${person.iamUserName ?? "like their user"} nor tagged ${EMPLOYEE_TAG} = ${person.email}; Gatehouse links only users that match the person.`,
    );
  try {
    await db().$transaction([
      db().personAccountLink.create({
        data: {
          personId: person.id,
          accountId: account.id,
          userName: user.userName,
          matchedBy,
          confirmedBy: actor.email,
        },
      }),
      // Linked after all: a dismissal of it for this person no longer holds.
      db().personAccountDismissal.deleteMany({
        where: { personId: person.id, accountId: account.id, userName: user.userName },
      }),
    ]);
  } catch (e) {
    // Two operators at once: the table keeps one person per IAM user.
    if (isUniqueViolation(e))
      throw fieldError("userName", `${user.userName} in ${account.name} was just linked by someone else.`);
    throw e;
  }
  await audit({
    actor: actor.email,
    action: "people.account_linked",
    target: `user/${user.userName}`,
    data: {
      employee: person.email,
      accountId: account.id,
      accountName: account.name,
      userName: user.userName,
      arn: user.arn,
      matchedBy,
    },
  });
  return { id: person.id };
}

/**
 * The users an onboarding request made for a person in other accounts, linked to them at once:
 * Gatehouse made them for this person (the request, approved, says so), so they are not offered
 * as suggestions to confirm. Left alone where the person already has a user linked in that
 * account or the user is someone else's. Audited as `people.account_linked` by the request.
 */
export async function linkOnboardedUsers(
  personId: string,
  users: { accountId: string; userName: string }[],
  by: string,
): Promise<void> {
  const person = await db().employee.findUnique({ where: { id: personId } });
  if (!person) return;
  for (const u of users) {
    if (await db().personAccountLink.findFirst({ where: { personId, accountId: u.accountId } })) continue;
    const made = await db()
      .personAccountLink.create({
        data: {
          personId,
          accountId: u.accountId,
          userName: u.userName,
          matchedBy: "user-name",
          confirmedBy: by,
        },
      })
      .then(
        () => true,
        (e: unknown) => {
          if (isUniqueViolation(e)) return false; // someone else's: the review's rule keeps it theirs
          throw e;
        },
      );
    if (made)
      await audit({
        actor: "system:onboarding",
        action: "people.account_linked",
        target: `user/${u.userName}`,
        data: {
          employee: person.email,
          accountId: u.accountId,
          userName: u.userName,
          matchedBy: "user-name",
          by,
        },
      });
  }
}

/** Takes a confirmed link back (IAM is not touched); audited. */
export async function unlinkAccountUser(input: AccountUser, actor: Actor) {
  const { person, account } = await personAndAccount(input);
  const links = await db().personAccountLink.findMany({
    where: { personId: person.id, accountId: account.id },
  });
  const link = links.find((l) => same(l.userName, input.userName));
  if (!link) throw new NotFoundError(`${input.userName} in ${account.name} is not linked to ${person.name}.`);
  await db().personAccountLink.delete({ where: { id: link.id } });
  await audit({
    actor: actor.email,
    action: "people.account_unlinked",
    target: `user/${link.userName}`,
    data: {
      employee: person.email,
      accountId: account.id,
      accountName: account.name,
      userName: link.userName,
      matchedBy: link.matchedBy,
      confirmedBy: link.confirmedBy,
    },
  });
  return { id: person.id };
}

/**
 * Dismisses a suggestion: this user is not this person. Stored (not suggested to them again;
 * listed apart on the card, where Link still works) and audited. One-click offboarding leaves
 * out an account where the person dismissed a user of their own name. IAM is not touched.
 */
export async function dismissAccountUser(input: AccountUser, actor: Actor) {
  const { person, account } = await personAndAccount(input);
  const mine = await db().personAccountLink.findMany({
    where: { personId: person.id, accountId: account.id },
  });
  if (mine.some((l) => same(l.userName, input.userName)))
    throw fieldError(
      "userName",
      `${input.userName} in ${account.name} is linked to ${person.name}: unlink it instead.`,
    );
  const before = await db().personAccountDismissal.findMany({
    where: { personId: person.id, accountId: account.id },
  });
  if (before.some((d) => same(d.userName, input.userName))) return { id: person.id }; // already
  await db()
    .personAccountDismissal.create({
      data: {
        personId: person.id,
        accountId: account.id,
        userName: input.userName,
        dismissedBy: actor.email,
      },
    })
    .catch((e: unknown) => {
      if (!isUniqueViolation(e)) throw e; // a second click at the same time: dismissed once
    });
  await audit({
    actor: actor.email,
    action: "people.suggestion_dismissed",
    target: `user/${input.userName}`,
    data: {
      employee: person.email,
      accountId: account.id,
      accountName: account.name,
      userName: input.userName,
    },
  });
  return { id: person.id };
}

export type OffboardTargets = {
  userName: string;
  accounts?: string[];
  users?: { accountId: string; userName: string }[];
};

/**
 * What one-click offboarding takes for this person: every managed account (the app's own among
 * them) by the person's user name, except where a user of that name is linked to someone else,
 * and their linked user wherever they have one (`users`). Just `{ userName }` while Gatehouse
 * manages only its own account (the plain request); null when there is no user to name.
 */
export async function offboardTargets(employeeId: string): Promise<OffboardTargets | null> {
  return (await offboardTargetsFor([employeeId])).get(employeeId) ?? null;
}

/** The same for several people at once (the People list's "Offboard selected"): a few queries. */
export async function offboardTargetsFor(employeeIds: string[]): Promise<Map<string, OffboardTargets>> {
  const out = new Map<string, OffboardTargets>();
  if (employeeIds.length === 0) return out;
  const people = await db().employee.findMany({ where: { id: { in: employeeIds } } });
  await ensureHomeAccount(); // the app's own account is a row, so its user is offboarded too
  const all = await activeAccounts();
  const links = await db().personAccountLink.findMany({ where: { accountId: { in: all.map((a) => a.id) } } });
  const dismissals = await db().personAccountDismissal.findMany({ where: { personId: { in: employeeIds } } });
  const single = !all.some((a) => a.source !== "home");
  for (const person of people) {
    const users = links
      .filter((l) => l.personId === person.id)
      .map((l) => ({ accountId: l.accountId, userName: l.userName }));
    const userName = person.iamUserName ?? users[0]?.userName;
    if (!userName) continue;
    if (single) {
      if (person.iamUserName) out.set(person.id, { userName });
      continue;
    }
    // Not theirs: a user of their name linked to someone else, or one an operator dismissed for them.
    const othersByName = new Set([
      ...links
        .filter((l) => l.personId !== person.id && same(l.userName, person.iamUserName))
        .map((l) => l.accountId),
      ...dismissals
        .filter((d) => d.personId === person.id && same(d.userName, person.iamUserName))
        .map((d) => d.accountId),
    ]);
    const linkedIn = new Set(users.map((u) => u.accountId));
    // Without a user of their own in the app's account, the name is only their linked users'.
    const accounts = person.iamUserName
      ? all
          .map((a) => a.id)
          .filter((id) => !othersByName.has(id) && !linkedIn.has(id))
          .sort()
      : [];
    out.set(person.id, {
      userName,
      ...(accounts.length ? { accounts } : {}),
      ...(users.length ? { users } : {}),
    });
  }
  return out;
}

// Test setup the UI does not cover, run with tsx in its own process (Playwright's loader cannot
// load the generated Prisma client). Usage: tsx e2e/support/db-task.ts <task> [args…]
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { createDb, DbNull } from "@/lib/db";
import { EXAMPLE_JOB_ROLES } from "@/lib/templates/example-company";

const db = createDb(`file:${path.resolve(__dirname, "../../.data/e2e/gatehouse-e2e.db")}`);

const tasks: Record<string, (args: string[]) => Promise<void>> = {
  async "job-roles"() {
    for (const r of EXAMPLE_JOB_ROLES) {
      const data = {
        name: r.name,
        groupName: r.groupName,
        description: r.description,
        templates: r.templates.map((template) => ({ template })),
        managedPolicyArns: [],
        console: r.console,
        programmatic: r.programmatic,
      };
      await db.jobRole.upsert({ where: { name: r.name }, update: {}, create: data });
    }
  },
  async person([name, email, iamUserName]) {
    // Both keys are required: Prisma reads an undefined one as "no condition" and would delete everyone.
    if (!name || !email || !iamUserName)
      throw new Error("person needs a name, an email and an IAM user name");
    await db.employee.deleteMany({ where: { OR: [{ email }, { iamUserName }] } });
    await db.employee.create({ data: { name, email, iamUserName } });
  },
  /** A person with an IAM user, kept as is when already there (e.g. Mary, whom onboarding.spec makes). */
  async "person-kept"([name, email, iamUserName, jobRole]) {
    if (!name || !email || !iamUserName)
      throw new Error("person-kept needs a name, an email and an IAM user name");
    if (await db.employee.findFirst({ where: { OR: [{ email }, { iamUserName }] } })) return;
    await db.employee.create({ data: { name, email, iamUserName, jobRole: jobRole || null } });
  },
  /** A person with no IAM user (e.g. Peter in sales), kept as is when already there. */
  async "person-without-user"([name, email, jobRole]) {
    if (!name || !email) throw new Error("person-without-user needs a name and an email");
    await db.employee.upsert({
      where: { email },
      update: {},
      create: { name, email, jobRole: jobRole || null },
    });
  },
  /**
   * A copy of the newest snapshot in which `user` also holds an inline policy Gatehouse's parser
   * refuses (a non-alphanumeric Sid on Allow *): what an account can hold although the sandbox,
   * like IAM, no longer accepts it over the API. Prints nothing; "unplant-unreadable-policy" removes it.
   */
  async "plant-unreadable-policy"([user]) {
    if (!user) throw new Error("plant-unreadable-policy needs an IAM user name");
    const latest = await db.syncSnapshot.findFirstOrThrow({ orderBy: { at: "desc" } });
    const state = JSON.parse(gunzipSync(latest.state).toString("utf8")) as {
      users: { name: string; inline: { name: string; document: string }[] }[];
    };
    const document = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Sid: "allow-all", Effect: "Allow", Action: "*", Resource: "*" }],
    });
    state.users.find((u) => u.name === user)!.inline.push({ name: "e2e-unreadable", document });
    const zipped = gzipSync(Buffer.from(JSON.stringify(state), "utf8"));
    await db.syncSnapshot.create({
      data: {
        at: new Date(),
        source: latest.source,
        accountId: latest.accountId,
        counts: latest.counts as object,
        state: new Uint8Array(zipped),
        access: latest.access,
        contentHash: "e2e-planted",
      },
    });
  },
  /**
   * A copy of the newest snapshot in which `user`'s access keys were made `days` ago and never
   * used: what the credential report says of an old key, without waiting months. The key ids stay
   * the real ones, so requests planned from it read the real keys. "unplant-aged-keys" removes it.
   */
  async "age-keys"([user, days]) {
    if (!user || !days) throw new Error("age-keys needs an IAM user name and a number of days");
    const latest = await db.syncSnapshot.findFirstOrThrow({ orderBy: { at: "desc" } });
    const state = JSON.parse(gunzipSync(latest.state).toString("utf8")) as {
      users: { name: string; accessKeys: { created: string; lastUsed: string | null }[] }[];
    };
    const created = new Date(Date.now() - Number(days) * 86_400_000).toISOString();
    for (const k of state.users.find((u) => u.name === user)!.accessKeys)
      Object.assign(k, { created, lastUsed: null });
    const zipped = gzipSync(Buffer.from(JSON.stringify(state), "utf8"));
    await db.syncSnapshot.create({
      data: {
        at: new Date(),
        source: latest.source,
        accountId: latest.accountId,
        counts: latest.counts as object,
        state: new Uint8Array(zipped),
        access: latest.access,
        contentHash: "e2e-aged-keys",
      },
    });
  },
  async "unplant-aged-keys"() {
    await db.syncSnapshot.deleteMany({ where: { contentHash: "e2e-aged-keys" } });
  },
  async "unplant-unreadable-policy"() {
    await db.syncSnapshot.deleteMany({ where: { contentHash: "e2e-planted" } });
  },
  /** Forgets the per-address sign-in budget: every e2e request comes from 127.0.0.1, so a spec that spends it gives it back. */
  async "forget-address-throttle"() {
    await db.signInThrottle.deleteMany({ where: { key: { startsWith: "ip:" } } });
  },
  /** An admin added directly (the Team page would make a promotion wait for the second admin). */
  async "admin-member"([email]) {
    if (!email) throw new Error("admin-member needs an email");
    await db.member.create({ data: { email, role: "admin", signInMethod: "sso", invitedBy: "e2e" } });
  },
  /** The accounts a job role's group exists in: comma-separated ids, or "home" (the UI sets them only at creation). */
  async "job-role-accounts"([name, ids]) {
    if (!name || !ids) throw new Error("job-role-accounts needs a job role and account ids (or home)");
    await db.jobRole.update({
      where: { name },
      data: { accounts: ids === "home" ? DbNull : ids.split(",") },
    });
  },
  /** Back to Gatehouse's own account only, as before an organization was discovered (and its snapshots). */
  async "forget-member-accounts"() {
    const members = await db.awsAccount.findMany({
      where: { source: { not: "home" } },
      select: { id: true },
    });
    const ids = members.map((a) => a.id);
    await db.syncSnapshot.deleteMany({ where: { accountId: { in: ids } } });
    await db.awsAccount.deleteMany({ where: { id: { in: ids } } });
  },
  async "forget-people"(emails) {
    await db.employee.deleteMany({ where: { email: { in: emails } } });
  },
};

const [task, ...args] = process.argv.slice(2);
tasks[task](args)
  .then(() => db.$disconnect())
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });

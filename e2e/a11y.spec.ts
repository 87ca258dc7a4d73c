// Every console page, as admin, operator and auditor: axe-core (WCAG 2.1 A + AA) finds nothing,
// and at 390×844 the page reflows without a horizontal scroll. Then the dialogs and the policy
// editor, the keyboard rules of dialogs (focus returns, Cancel first, a typed reason survives
// Escape), the skip link, and a few key pages in dark mode. One sign-in per role; each page is
// loaded once and checked at both widths.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { USERS } from "./fixtures/users";
import { postAction } from "./support/action-call";
import { dbTask } from "./support/app-db";
import { createOwnUser } from "./support/iam";
import { apiSession, signIn } from "./support/session";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The static pages of app/(console); the dynamic ones are added from the e2e stack's data. */
const STATIC_PAGES = [
  "/",
  "/people",
  "/people/onboard",
  "/groups",
  "/roles",
  "/templates",
  "/templates/new",
  "/review",
  "/review/report",
  "/review/usage",
  "/review/campaigns",
  "/review/person/mary",
  "/review/service/s3",
  "/requests",
  "/accounts",
  "/audit",
  "/settings",
  "/settings/approvals",
  "/settings/connection",
  "/settings/team",
  "/account",
  "/forbidden",
];

let dynamicPages: string[] = [];
let requestId = "";
let personPage = "";
let editorPage = "";

/** axe's violations on what the page shows now, one line each (rule, impact, where). */
async function violations(page: Page, include?: string) {
  // Only violations are wanted: axe skips collecting the passing nodes, a good part of its time.
  let builder = new AxeBuilder({ page }).withTags(TAGS).options({ resultTypes: ["violations"] });
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")} — ${v.help}`,
  );
}

async function expectNoViolations(page: Page, where: string, include?: string) {
  expect.soft(await violations(page, include), `axe on ${where}`).toEqual([]);
}

/** At phone width the page itself never scrolls sideways (tables scroll inside their own region). */
async function expectReflow(page: Page, where: string) {
  await page.setViewportSize(PHONE);
  const { scrollWidth, clientWidth, wide } = await page.evaluate(() => {
    const el = document.scrollingElement!;
    // What sticks out (innermost first), to say where to look when the check fails.
    const out = [...document.querySelectorAll("body *")].filter(
      (e) =>
        e.getBoundingClientRect().right > el.clientWidth + 1 && !e.closest("[role=region], [role=table]"),
    );
    const innermost = out.filter((e) => !out.some((o) => o !== e && e.contains(o)));
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}.${[...e.classList].slice(0, 4).join(".")}`;
    return {
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
      wide: innermost.slice(0, 4).map((e) => `${name(e.parentElement!)} > ${name(e)}`),
    };
  });
  expect
    .soft(scrollWidth, `horizontal page scroll at 390 px on ${where}: ${wide.join(" | ")}`)
    .toBeLessThanOrEqual(clientWidth);
  await page.setViewportSize(DESKTOP);
}

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("h1").first()).toBeVisible();
  // Client components that read after hydration (react-query) settle first.
  await page.waitForLoadState("networkidle");
}

test.beforeAll(async ({ playwright }) => {
  // A person with an IAM user, a template, a snapshot for the review pages, a request
  // awaiting approval, a campaign: every dynamic page has something to show. The database task
  // (a process of its own, seconds on a busy machine) runs before the HTTP session opens, whose
  // idle kept-alive socket the server would have closed meanwhile.
  const userName = await createOwnUser("a11y");
  dbTask("person", "Ada Walker", `${userName}@example.com`, userName);
  const admin = await apiSession(playwright, USERS.admin.email);
  try {
    const template = `A11yWalk${Date.now()}`;
    const saved = await postAction(admin, "saveTemplateAction", [
      {
        name: template,
        description: "Reads one bucket (accessibility walk)",
        parameters: [
          { name: "Bucket", description: "The bucket", type: "string", example: "example-bucket" },
        ],
        document: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::${Bucket}/*" }],
        }),
        acknowledgeWarnings: true,
      },
    ]);
    expect(saved.result?.ok, JSON.stringify(saved.result)).toBe(true);
    expect((await postAction(admin, "syncNowAction", [{}])).result?.ok).toBe(true);
    const created = await postAction<{ id: string }>(admin, "createRequestAction", [
      { kind: "group.add-member", input: { userName, groupName: "Accountants" } },
    ]);
    expect(created.result?.ok, JSON.stringify(created.result)).toBe(true);
    requestId = (created.result as { data: { id: string } }).data.id;
    const campaign = await postAction<{ id: string }>(admin, "createCampaignAction", [
      { name: "Accessibility walk" },
    ]);
    expect(campaign.result?.ok, JSON.stringify(campaign.result)).toBe(true);
    const campaignId = (campaign.result as { data: { id: string } }).data.id;
    editorPage = `/templates/${template}/edit`;
    dynamicPages = [
      `/requests/${requestId}`,
      `/review/campaigns/${campaignId}`,
      `/templates/${template}`,
      editorPage,
    ];
  } finally {
    await admin.dispose();
  }
});

test.afterAll(async ({ playwright }) => {
  // Leave no request waiting for the specs that run after this one.
  if (!requestId) return;
  const admin = await apiSession(playwright, USERS.admin.email);
  await postAction(admin, "rejectRequestAction", [{ id: requestId, reason: "accessibility walk" }]);
  await admin.dispose();
});

/** The person's page (its id is the database's, read from People). */
async function findPersonPage(page: Page) {
  if (personPage) return personPage;
  await open(page, "/people");
  // (A retry's set-up adds another Ada: any of them will do.)
  personPage = (await page
    .getByRole("link", { name: "Ada Walker", exact: true })
    .first()
    .getAttribute("href"))!;
  return personPage;
}

for (const role of ["admin", "operator", "auditor"] as const) {
  test(`every page as ${role}: no axe violation, reflows at 390 px`, async ({ page }) => {
    test.setTimeout(360_000);
    await page.setViewportSize(DESKTOP);
    await signIn(page, USERS[role].email);
    const pages = [...STATIC_PAGES, ...dynamicPages, await findPersonPage(page)];
    for (const path of pages) {
      const t0 = Date.now();
      await open(page, path);
      const where = `${path} as ${role} (at ${new URL(page.url()).pathname})`;
      const t1 = Date.now();
      await expectNoViolations(page, where);
      const t2 = Date.now();
      await expectReflow(page, where);
      // A11Y_TIMING=1: where the walk spends its time (load, axe, reflow), page by page.
      if (process.env.A11Y_TIMING) console.log(`${t1 - t0}/${t2 - t1}/${Date.now() - t2} ms ${where}`);
    }
  });
}

test("dialogs and the policy editor: no axe violation; focus starts on Cancel and returns to the opener", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize(DESKTOP);
  await signIn(page, USERS.admin.email);

  // The skip link is the first thing the keyboard reaches, and it moves to the content.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  // A destructive dialog (offboarding a person) starts on Cancel; Escape returns to the opener.
  const person = await findPersonPage(page);
  await open(page, person);
  const offboard = page.getByRole("button", { name: "Offboard", exact: true });
  if (await offboard.count()) {
    await offboard.click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await expect(dialog.getByTestId("offboard-plan")).toBeVisible();
    await expectNoViolations(page, `offboarding dialog on ${person}`, '[role="dialog"]');
    await page.keyboard.press("Escape");
    await expect(offboard).toBeFocused();
  }

  // Rejecting a request: the reason typed survives Escape (the dialog asks first).
  await open(page, `/requests/${requestId}`);
  const reject = page.getByRole("button", { name: "Reject", exact: true });
  await reject.click();
  const dialog = page.getByRole("dialog");
  await expectNoViolations(page, "reject dialog", '[role="dialog"]');
  await dialog.getByLabel("Reason").fill("Not this group");
  await page.keyboard.press("Escape");
  await expect(dialog.getByLabel("Reason")).toHaveValue("Not this group");
  await expect(dialog.getByText("Discard the reason you typed?")).toBeVisible();
  await expectNoViolations(page, "reject dialog, asking before discarding", '[role="dialog"]');
  await dialog.getByRole("button", { name: "Keep editing" }).click();
  await expect(dialog.getByLabel("Reason")).toHaveValue("Not this group");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(reject).toBeFocused();

  // A creation dialog (a job role).
  await open(page, "/groups");
  const create = page.getByRole("button", { name: /Create job role/ });
  await create.click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoViolations(page, "create job role dialog", '[role="dialog"]');
  await page.keyboard.press("Escape");
  await expect(create).toBeFocused();

  // The template editor, with the editor open and focused.
  await open(page, editorPage);
  await expectNoViolations(page, "template editor");
});

test("key pages in dark mode: no axe violation", async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize(DESKTOP);
  await signIn(page, USERS.admin.email);
  for (const path of ["/people", "/review", `/requests/${requestId}`, "/templates", "/audit"]) {
    await open(page, path);
    await expect(page.locator("html")).toHaveClass(/dark/);
    await expectNoViolations(page, `${path} in dark mode`);
  }
  // One time format, with its zone, wherever a time is printed (here the audit log's).
  await expect(page.locator("main time").first()).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? UTC$/);

  // The toggle: a choice overrides the system setting and survives a reload; System follows it again.
  const theme = page.getByRole("group", { name: "Theme" });
  await theme.getByRole("button", { name: "Light" }).click();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await expect(theme.getByRole("button", { name: "Light" })).toHaveAttribute("aria-pressed", "true");
  await theme.getByRole("button", { name: "System" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await theme.getByRole("button", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await theme.getByRole("button", { name: "System" }).click();
});

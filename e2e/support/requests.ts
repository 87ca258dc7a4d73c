import { expect, type Page } from "@playwright/test";
import type { RevealedSecret } from "@/lib/changes/types";

/** As an admin on the request page: approve, execute, wait for "Done"; returns the secrets shown. */
export async function approveAndExecute(
  admin: Page,
  requestUrl: string,
): Promise<{ userName: string; password?: string; accessKeyId?: string; secretAccessKey?: string }[]> {
  await admin.goto(requestUrl);
  await admin.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(admin.getByTestId("approvals")).toContainText("approved");
  await admin.getByRole("button", { name: "Execute" }).click();
  await expect(admin.getByTestId("plan-step").first()).toHaveAttribute("data-status", /done|skipped/, {
    timeout: 30_000,
  });
  await expect(
    admin.locator(
      '[data-testid="plan-step"][data-status="pending"], [data-testid="plan-step"][data-status="running"]',
    ),
  ).toHaveCount(0, { timeout: 30_000 });
  await expect(admin.locator('[data-testid="plan-step"][data-status="failed"]')).toHaveCount(0);
  // The request ends (and the secrets arrive) only after the principals it touched are re-read.
  await expect(admin.getByTestId("request-status").first()).toHaveAttribute("data-status", "succeeded", {
    timeout: 30_000,
  });
  const bundles = admin.getByTestId("credential-bundle");
  const out: { userName: string; password?: string; accessKeyId?: string; secretAccessKey?: string }[] = [];
  for (const b of await bundles.all()) {
    const text = async (id: string) =>
      (await b.getByTestId(id).count()) ? (await b.getByTestId(id).textContent())!.trim() : undefined;
    out.push({
      userName: (await b.getAttribute("data-user"))!,
      password: await text("temporary-password"),
      accessKeyId: await text("access-key-id"),
      secretAccessKey: await text("secret-access-key"),
    });
    await b.getByRole("button", { name: "Mark handed over" }).click();
    await expect(b.getByRole("button", { name: "Handed over ✓" })).toBeVisible();
  }
  return out;
}

export type { RevealedSecret };

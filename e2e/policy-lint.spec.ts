// Issue 12 (#8) against the production build: the policy lint runs in its worker thread (the
// bundled chunk, not the TypeScript source), a draft over IAM's quota is refused by size alone,
// and the server keeps answering while a worst-case draft is linted.
import { expect, test } from "@playwright/test";
import { APP_URL, USERS } from "./fixtures/users";
import { postAction } from "./support/action-call";
import { signInApi } from "./support/session";

type Lint = {
  errors: { code: string; message: string }[];
  warnings: { code: string }[];
  size: number | null;
};
const V = "2012-10-17";

test("the template lint answers from its worker; a 150 kB draft is refused by IAM's quota", async ({
  playwright,
}) => {
  const request = await playwright.request.newContext({ baseURL: APP_URL });
  await signInApi(request, USERS.operator.email);

  const tidy = JSON.stringify({
    Version: V,
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
  });
  const ok = await postAction<Lint>(request, "lintTemplateAction", [{ document: tidy, parameters: [] }]);
  expect(ok.result).toEqual({ ok: true, data: { errors: [], warnings: [], size: tidy.length } });

  const risky = JSON.stringify({ Version: V, Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
  const warned = await postAction<Lint>(request, "lintTemplateAction", [{ document: risky, parameters: [] }]);
  expect(warned.result?.ok && warned.result.data.warnings.map((w) => w.code)).toEqual(["allows-everything"]);

  const huge = JSON.stringify({
    Version: V,
    Statement: [
      {
        Effect: "Allow",
        Action: Array.from({ length: 16_000 }, (_, i) => `*:?${i.toString(36)}*`),
        Resource: "*",
      },
    ],
  });
  expect(huge.length).toBeGreaterThan(150_000);
  const started = Date.now();
  const [refused, status] = await Promise.all([
    postAction<Lint>(request, "lintTemplateAction", [{ document: huge, parameters: [] }]),
    request.get(`${APP_URL}/api/review/status`),
  ]);
  expect(status.status()).toBe(200);
  expect(refused.result?.ok && refused.result.data.errors.map((e) => e.code)).toEqual(["policy-too-large"]);
  expect(refused.result?.ok && refused.result.data.errors[0].message).toMatch(
    /AWS allows at most 6,144 for a managed policy/,
  );
  // Refused unparsed: seconds before (15 s measured), well under one now even on a busy machine.
  expect(Date.now() - started).toBeLessThan(5_000);
  await request.dispose();
});

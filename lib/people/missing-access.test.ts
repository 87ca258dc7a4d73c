import { describe, expect, it } from "vitest";
import { missingAccess, type AccountHolding } from "./missing-access";

const HOME = "123456789012";
const STAGING = "210987654321";
const user = (groups: string[], console = false, keys: string[] = []) => ({
  groups,
  console: { enabled: console },
  accessKeys: keys.map((status) => ({ status })),
});
const developer = { groupName: "WebDevelopers", console: true, programmatic: true, accounts: null };

describe("missingAccess", () => {
  it("is empty when the person holds everything their job role gives", () => {
    const held: AccountHolding[] = [
      { accountId: HOME, accountName: "home", user: user(["webdevelopers"], true, ["Inactive", "Active"]) },
    ];
    expect(missingAccess(developer, held, HOME)).toEqual([]);
  });

  it("names each missing item of the app's own account", () => {
    const held = [{ accountId: HOME, accountName: "home", user: user([], false, ["Inactive"]) }];
    expect(missingAccess(developer, held, HOME)).toEqual([
      "group WebDevelopers",
      "console access",
      "an access key",
    ]);
  });

  it("names the account when the job role is in several, and says nothing of an account not read", () => {
    const role = { ...developer, programmatic: false, accounts: [HOME, STAGING, "999999999999"] };
    const held: AccountHolding[] = [
      { accountId: HOME, accountName: "production", user: user(["WebDevelopers"], true) },
      { accountId: STAGING, accountName: "staging", user: null },
    ];
    expect(missingAccess(role, held, HOME)).toEqual(["a user in staging"]);
  });
});

// Single sign-on through a real OIDC provider: a new user is provisioned just
// in time with the owner role.
import { expect, test } from "../support/fixtures";
import { ssoEmail } from "../support/oidc-provider";
import { unique } from "../support/api";

test.use({ storageState: { cookies: [], origins: [] } });

test("signs in through the identity provider and is provisioned as an owner", async ({ page }) => {
  const login = unique("sso");
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();

  // the identity provider's own login and consent pages
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("current-user")).toContainText(ssoEmail(login));
  await expect(page.getByTestId("current-role")).toHaveText("Owner");
  // owners do not see user management in the navigation
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Users" })).toHaveCount(0);
});

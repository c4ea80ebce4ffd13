// Sign-in: wrong passwords are rejected, the one-time password dies with its
// first use, and signing out ends the session on the server.
import fs from "node:fs";
import { expect, test } from "../support/fixtures";
import { signIn } from "../support/sign-in";
import { adminPasswordFile, readState } from "../support/state";

test.use({ storageState: { cookies: [], origins: [] } });

test("a wrong password is rejected and nothing is opened", async ({ page }) => {
  const state = readState();
  await signIn(page, state.adminEmail, "definitely-not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "Sign-in failed" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
});

test("the first-run password no longer works once replaced", async ({ page }) => {
  const state = readState();
  await signIn(page, state.adminEmail, state.temporaryPassword);
  await expect(page.getByRole("alert").filter({ hasText: "Sign-in failed" })).toBeVisible();
});

test("signing out ends the session, even for a copied cookie", async ({ page, browser }) => {
  const state = readState();
  await signIn(page, state.adminEmail, fs.readFileSync(adminPasswordFile(), "utf8"));
  await expect(page).toHaveURL(/\/dashboard$/);
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // replay the old session cookie from another browser context
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const response = await replay.request.get("/api/v1/me");
  expect(response.status()).toBe(401);
  await replay.close();
});

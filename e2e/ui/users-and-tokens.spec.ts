// Admin user management and API tokens in the browser: create a user (the
// temporary password is shown once), deactivate them (their sessions end), and
// create, use and revoke an API token.
import { expect, test } from "../support/fixtures";
import { unique } from "../support/api";
import { signInFirstTime } from "../support/sign-in";

test("an admin creates a user, who signs in; deactivation ends their session", async ({ page, browser }) => {
  const email = `${unique("alice")}@example.test`;
  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Create user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Name").fill("Alice Auditor");
  await dialog.getByLabel("Role").selectOption("auditor");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("dialog", { name: "User created" })).toBeVisible();
  const temporaryPassword = (await page.getByTestId("secret-value").textContent())!.trim();
  expect(temporaryPassword.length).toBeGreaterThanOrEqual(20);
  await page.getByRole("button", { name: "Done" }).click();

  const alice = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const alicePage = await alice.newPage();
  await signInFirstTime(alicePage, email, temporaryPassword, `Alice-${unique("pw")}`);
  await expect(alicePage.getByTestId("current-role")).toHaveText("Auditor");
  expect((await alicePage.request.get("/api/v1/me")).status()).toBe(200);

  await page.getByLabel("Search").fill(email);
  await page.getByRole("button", { name: `Deactivate ${email}` }).click();
  const confirm = page.getByRole("dialog");
  await confirm.getByLabel(`Type ${email} to confirm`).fill(email);
  await confirm.getByLabel("Reason (optional)").fill("left the company");
  await confirm.getByRole("button", { name: "Deactivate user" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "User deactivated" })).toBeVisible();
  await expect(page.getByTestId("users-table")).toContainText("Deactivated");

  // Alice's existing session ends at once
  expect((await alicePage.request.get("/api/v1/me")).status()).toBe(401);
  await alicePage.goto("/dashboard");
  await expect(alicePage).toHaveURL(/\/login/);
  await alice.close();
});

test("an admin creates an API token, it works once shown, and revoking it stops it", async ({ page, playwright }) => {
  const name = unique("ci-token");
  await page.goto("/settings/api-tokens");
  await page.getByRole("button", { name: "Create token" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API token" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Role").selectOption("auditor");
  await dialog.getByLabel("Expires").selectOption({ label: "7 days" });
  await dialog.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("dialog", { name: "API token created" })).toBeVisible();
  const secret = (await page.getByTestId("secret-value").textContent())!.trim();
  expect(secret).toMatch(/^wdn_/);
  await page.getByRole("button", { name: "Done" }).click();

  const table = page.getByTestId("api-tokens-table");
  await expect(table).toContainText(name);
  await expect(table).not.toContainText(secret);

  const api = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  const me = await api.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ kind: "api_token", role: "auditor" });

  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole("dialog");
  await confirm.getByRole("textbox").fill(name);
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Token revoked" })).toBeVisible();
  expect((await api.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(401);
  await api.dispose();
});

// First run: the admin signs in with the one-time password printed by the
// first-run CLI, is made to choose a new password, and lands on the dashboard.
// The session is stored for the `ui` project.
import fs from "node:fs";
import { expect, test } from "./support/fixtures";
import { ADMIN_STORAGE, adminPasswordFile, readState } from "./support/state";

test("first-run admin signs in with the one-time password and must replace it", async ({ page }) => {
  const state = readState();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(state.adminEmail);
  await page.getByLabel("Password", { exact: true }).fill(state.temporaryPassword);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByText("You signed in with a temporary password")).toBeVisible();
  // the temporary password opens nothing else
  await page.goto("/settings/users");
  await expect(page).toHaveURL(/\/account\/password$/);

  const newPassword = `Admin-e2e-${Date.now()}-pw!`;
  await page.getByLabel(/^Current password/).fill(state.temporaryPassword);
  await page.getByLabel(/^New password/).fill(newPassword);
  await page.getByLabel(/^Confirm new password/).fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText("Admin");
  await expect(page.getByTestId("current-user")).toContainText(state.adminEmail);

  fs.writeFileSync(adminPasswordFile(), newPassword);
  await page.context().storageState({ path: ADMIN_STORAGE });
});

// Signing in through the real login form.
import { expect, type Page } from "@playwright/test";

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in with a temporary password and replaces it, ending on the dashboard. */
export async function signInFirstTime(page: Page, email: string, temporaryPassword: string, newPassword: string): Promise<void> {
  await signIn(page, email, temporaryPassword);
  await expect(page).toHaveURL(/\/account\/password$/);
  await page.getByLabel(/^Current password/).fill(temporaryPassword);
  await page.getByLabel(/^New password/).fill(newPassword);
  await page.getByLabel(/^Confirm new password/).fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

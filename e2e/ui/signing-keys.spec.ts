// Warden's signing keys in the console: an admin sees which key signs and
// which is published next, rotates, and the JWKS keeps the retiring key
// published while the former next key starts signing.
import { expect, test } from "../support/fixtures";

type Jwks = { keys: { kid: string; alg: string }[] };

test("an admin rotates the signing key; the next key signs and the old one stays published", async ({ page }) => {
  await page.goto("/settings/signing-keys");
  const table = page.getByTestId("signing-keys-table");
  const kidIn = async (status: string) => (await table.getByRole("row").filter({ has: page.getByText(status, { exact: true }) }).first().locator("code").textContent())!.trim();
  await expect(table.getByText("active", { exact: true })).toBeVisible();
  await expect(table.getByText("next", { exact: true })).toBeVisible();
  const active = await kidIn("active");
  const next = await kidIn("next");
  expect(active).not.toBe(next);

  // the next key is published before it signs anything
  const before = (await (await page.request.get("/.well-known/jwks.json")).json()) as Jwks;
  expect(before.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([active, next]));

  await page.getByRole("button", { name: "Rotate signing key" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate signing key" });
  await expect(dialog).toContainText("stays in the JWKS until every token it signed has expired");
  await dialog.getByLabel("Algorithm of the new next key").selectOption("ES256");
  await dialog.getByRole("button", { name: "Rotate" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Signing key rotated" })).toContainText(`Now signing with ${next}`);

  await expect(table.getByRole("row").filter({ hasText: active })).toContainText("retiring");
  await expect(table.getByRole("row").filter({ hasText: next })).toContainText("active");
  const newNext = await kidIn("next");
  expect([active, next]).not.toContain(newNext);
  const after = (await (await page.request.get("/.well-known/jwks.json")).json()) as Jwks;
  expect(after.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([active, next, newNext]));

  // the rotation is audited
  const events = await page.request.get("/api/v1/audit/events?action=signing_key.rotated");
  expect(events.status()).toBe(200);
  expect(JSON.stringify(await events.json())).toContain(next);
});

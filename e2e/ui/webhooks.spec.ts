// Webhook endpoints in the console: an admin adds one (the signing secret is
// shown once), disables and deletes it; the delivery log page opens.
import { expect, test } from "../support/fixtures";
import { unique } from "../support/api";

test("an admin adds a webhook endpoint, sees its secret once, disables and deletes it", async ({ page }) => {
  const url = `https://${unique("hooks")}.example.test/warden`;
  await page.goto("/settings/webhooks");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const form = page.getByRole("dialog", { name: "Add webhook endpoint" });
  await form.getByLabel("URL").fill("not a url");
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(form).toContainText("Must be an absolute URL");

  await form.getByLabel("URL").fill(url);
  await form.getByLabel("Description").fill("e2e receiver");
  for (const event of ["campaign.launched", "campaign.reminder", "campaign.escalated"]) await form.getByLabel(event).uncheck();
  await form.getByRole("button", { name: "Add endpoint" }).click();

  const created = page.getByRole("dialog", { name: "Webhook endpoint added" });
  await expect(created).toContainText("it will not be shown again");
  const secret = (await created.getByTestId("secret-value").textContent())!.trim();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  await created.getByRole("button", { name: "Done" }).click();

  const row = page.getByTestId("webhooks-table").getByRole("row").filter({ hasText: url });
  await expect(row).toContainText("campaign.closed");
  await expect(row).toContainText("Enabled");
  await expect(row).not.toContainText(secret);
  await page.getByRole("button", { name: `Disable ${url}` }).click();
  await expect(row).toContainText("Disabled");

  await page.getByRole("button", { name: `Delete ${url}` }).click();
  const confirm = page.getByRole("dialog", { name: "Delete webhook endpoint" });
  await confirm.getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Webhook endpoint deleted" })).toBeVisible();
  await expect(page.getByTestId("webhooks-table")).not.toContainText(url);

  await page.goto("/settings/notifications");
  await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
  await expect(page.getByTestId("deliveries-table")).toBeVisible();
});

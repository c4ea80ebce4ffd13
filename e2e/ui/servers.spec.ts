// The vertical slice in the browser: an admin registers an MCP server for an
// owner, finds it in the list, and sees the audit event on the server page and
// in the audit log.
import { expect, test } from "../support/fixtures";
import { createUserViaApi, unique } from "../support/api";

test("an admin registers a server, lists it with search, and sees its audit event", async ({ page, request }) => {
  const ownerEmail = `${unique("srv-owner")}@example.test`;
  await createUserViaApi(request, { email: ownerEmail, name: "Sam Server-Owner", role: "owner" });
  const name = unique("Billing MCP");
  const resourceUri = `https://${unique("billing")}.example.test/mcp`;

  await page.goto("/servers");
  await page.getByRole("link", { name: "Register server" }).first().click();
  await expect(page).toHaveURL(/\/servers\/new$/);

  // bad input is refused and nothing typed is lost
  await page.getByLabel(/^Name/).fill(name);
  await page.getByLabel("Resource URI").fill("http://billing.example.com/mcp#x");
  await page.getByLabel("Find owner").fill(ownerEmail);
  await page.getByLabel(/^Owner/).selectOption({ label: `Sam Server-Owner (${ownerEmail})` });
  await page.getByRole("button", { name: "Register server" }).click();
  await expect(page.getByText("Must use https (http is allowed for localhost only)")).toBeVisible();
  await expect(page.getByLabel(/^Name/)).toHaveValue(name);

  await page.getByLabel("Resource URI").fill(resourceUri);
  await page.getByRole("button", { name: "Register server" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Server registered" })).toBeVisible();
  await expect(page).toHaveURL(/\/servers\/srv_[0-9a-z]{26}$/);
  const serverId = (await page.getByTestId("identity-id").textContent())!.trim();
  await expect(page.getByText(resourceUri).first()).toBeVisible();
  await expect(page.getByTestId("identity-audit-history")).toContainText("identity.registered");

  await page.goto("/servers");
  await page.getByLabel("Search").fill(name.toUpperCase());
  const table = page.getByTestId("identities-table");
  await expect(table.getByRole("link", { name })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2); // header + the one match
  await expect(table).toContainText(ownerEmail);

  await page.goto(`/audit?targetId=${serverId}`);
  const audit = page.getByTestId("audit-table");
  await expect(audit).toContainText("identity.registered");
  await audit.getByRole("row", { name: /identity\.registered/ }).click();
  const detail = page.getByTestId("audit-event-detail");
  await expect(detail).toContainText(resourceUri);
  await expect(detail).toContainText(serverId);
});

test("the audit chain verifies from the console", async ({ page }) => {
  await page.goto("/audit");
  await page.getByRole("button", { name: "Verify integrity" }).click();
  await expect(page.getByTestId("verify-result")).toContainText(/Chain intact: \d+ events verified/);
});

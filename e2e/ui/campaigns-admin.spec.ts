// The campaign console end to end: an admin defines a grants campaign in the
// form (from a template, with a due date before the start refused on its field
// and nothing typed lost), previews it (items per reviewer), launches it after
// the confirmation, follows the dashboard as an owner decides an item, and
// closes it early with a reason.
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { adminHeaders, cliApiToken, createUserViaApi, unique } from "../support/api";

async function ok(response: Awaited<ReturnType<APIRequestContext["get"]>>, status: number) {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as Record<string, unknown>;
}

/** A datetime-local value (the form's dates are UTC) `days` from now, at 09:00. */
const inDays = (days: number) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T09:00`;

test("an admin defines, previews, launches, follows and closes a grants campaign", async ({ page, request }) => {
  test.setTimeout(120_000);
  const headers = adminHeaders();
  // --- a server with two approved tools; two owners' agents granted on it (2 + 1 scopes)
  const ownerEmail = `${unique("cmp-owner")}@example.test`;
  const owner = await createUserViaApi(request, { email: ownerEmail, name: "Olga Owner", role: "owner" });
  const other = await createUserViaApi(request, { email: `${unique("cmp-other")}@example.test`, name: "Otto Other", role: "owner" });
  const serverName = unique("Ledger MCP");
  const server = (await ok(await request.post("/api/v1/servers", { headers, data: { name: serverName, resourceUri: `https://${unique("ledger")}.example.test/mcp`, ownerId: owner.id, environment: "development" } }), 201)) as { id: string };
  const proposal = (await ok(await request.post(`/api/v1/servers/${server.id}/tools/proposals`, { headers, data: { source: "manual", tools: [{ name: "read_ledger", annotations: { readOnlyHint: true } }, { name: "post_entry", annotations: { destructiveHint: false } }] } }), 201)) as { id: string };
  await ok(await request.post(`/api/v1/servers/${server.id}/tools/proposals/${proposal.id}/apply`, { headers }), 200);
  const tools = ((await ok(await request.get(`/api/v1/servers/${server.id}/tools`, { headers }), 200)) as { items: { id: string; name: string }[] }).items;
  const toolId = (name: string) => tools.find((tool) => tool.name === name)!.id;
  await ok(await request.post(`/api/v1/servers/${server.id}/tools/review`, { headers, data: { decisions: [{ toolId: toolId("read_ledger"), tier: "read" }, { toolId: toolId("post_entry"), tier: "write" }] } }), 200);
  for (const [ownerId, toolNames] of [[owner.id, ["read_ledger", "post_entry"]], [other.id, ["read_ledger"]]] as const) {
    const agent = (await ok(await request.post("/api/v1/agents", { headers, data: { name: unique("Ledger bot"), ownerId, environment: "development" } }), 201)) as { id: string };
    await ok(await request.post("/api/v1/grants", { headers, data: { agentId: agent.id, serverId: server.id, toolIds: toolNames.map(toolId), justification: "keeps the books for the e2e test" } }), 201);
  }

  // --- New campaign, from a template
  await page.goto("/campaigns");
  await page.getByRole("link", { name: "New campaign" }).first().click();
  await expect(page).toHaveURL(/\/campaigns\/new$/);
  await page.getByRole("button", { name: "Use Quarterly grants review" }).click();
  const name = page.getByLabel(/^Name/);
  await expect(name).toHaveValue("Quarterly grants review");
  const campaignName = unique("Ledger access review");
  await name.fill(campaignName);
  await page.getByLabel("Recurrence").selectOption("");
  await page.getByLabel("Find servers").fill(serverName);
  await page.getByLabel(new RegExp(serverName)).check();
  await expect(page.getByText("1 server chosen:")).toBeVisible();

  // a due date before the start is refused on its field; what was typed stays
  await page.getByLabel(/^Starts/).fill(inDays(2));
  await page.getByLabel(/^Due/).fill(inDays(1));
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.locator("#new-campaign-dueAt-error")).toHaveText("Must be after the start");
  await expect(page.getByLabel(/^Due/)).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveValue(campaignName);
  await expect(page.getByLabel(/^Starts/)).toHaveValue(inDays(2));
  await expect(page.getByText("1 server chosen:")).toBeVisible();
  await page.getByLabel(/^Due/).fill(inDays(16));
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/campaigns\/cmp_[0-9a-z]{26}$/);
  const campaignId = page.url().split("/").pop()!;

  // --- the draft: its preview per reviewer
  await expect(page.getByRole("heading", { name: campaignName })).toBeVisible();
  const preview = page.getByTestId("campaign-preview");
  await expect(preview.getByRole("row", { name: /Olga Owner/ }).getByRole("cell").nth(1)).toHaveText("2");
  await expect(preview.getByRole("row", { name: /Otto Other/ }).getByRole("cell").nth(1)).toHaveText("1");

  // --- launch: the confirmation states the count; Escape backs out, the second time it launches
  await page.getByRole("button", { name: "Launch", exact: true }).click();
  const launch = page.getByRole("dialog", { name: "Launch campaign" });
  await expect(launch.getByTestId("launch-count")).toContainText("3 items for 2 reviewers");
  await page.keyboard.press("Escape");
  await expect(launch).toBeHidden();
  await page.getByRole("button", { name: "Launch", exact: true }).click();
  await expect(launch.getByTestId("launch-count")).toContainText("3 items for 2 reviewers");
  await launch.getByRole("button", { name: "Launch" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Campaign launched" })).toBeVisible();
  const dashboard = page.getByTestId("campaign-dashboard");
  await expect(dashboard).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("button", { name: "Edit" })).toHaveCount(0);

  // --- the owner certifies one item; the dashboard shows the progress
  const items = ((await ok(await request.get(`/api/v1/campaigns/${campaignId}/items?status=open`, { headers }), 200)) as { items: { id: string; reviewerId: string }[] }).items;
  const mine = items.find((item) => item.reviewerId === owner.id)!;
  const ownerToken = cliApiToken({ role: "owner", userEmail: ownerEmail });
  await ok(await request.post(`/api/v1/review-items/${mine.id}/decision`, { headers: { authorization: `Bearer ${ownerToken}` }, data: { decision: "certify" } }), 200);
  await page.reload();
  const tile = (name: string) => dashboard.getByTestId(`tile-${name}`).locator("dd").first();
  await expect(tile("items")).toHaveText("3");
  await expect(tile("decided")).toHaveText("1");
  await expect(dashboard.getByTestId("tile-decided")).toContainText("33% done");
  await expect(tile("open")).toHaveText("2");
  await expect(tile("overdue")).toHaveText("0");
  await expect(dashboard.getByTestId("campaign-breakdown").getByLabel("Certified: 1")).toBeVisible();
  const olga = dashboard.getByTestId("campaign-reviewers").getByRole("row", { name: /Olga Owner/ });
  await expect(olga.getByRole("cell").nth(1)).toHaveText("2");
  await expect(olga.getByRole("cell").nth(3)).toHaveText("1");
  await expect(dashboard.getByTestId("burndown-chart")).toBeVisible();
  await expect(dashboard.getByTestId("campaign-items").getByRole("row")).toHaveCount(4);
  await expect(page.getByRole("link", { name: "Export evidence (CSV)" })).toHaveAttribute("href", `/api/v1/campaigns/${campaignId}/evidence?format=csv`);

  // --- close early: a reason is required; closed campaigns are not reopened
  await page.getByRole("button", { name: "Close early" }).click();
  const closing = page.getByRole("dialog", { name: "Close campaign early" });
  await expect(closing).toContainText("cannot be reopened");
  await closing.getByRole("button", { name: "Close campaign" }).click();
  await expect(closing).toContainText("at least 3 characters");
  await closing.getByLabel(/^Reason/).fill("superseded by the yearly review");
  await closing.getByRole("button", { name: "Close campaign" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Campaign closed" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Close early" })).toHaveCount(0);
  await expect(page.getByText("Closed", { exact: true }).first()).toBeVisible();

  // --- the list: closed, 1 of 3 decided
  await page.goto("/campaigns");
  await page.getByLabel("Status").selectOption("closed");
  const row = page.getByTestId("campaigns-table").getByRole("row", { name: new RegExp(campaignName) });
  await expect(row).toContainText("Closed");
  await expect(row).toContainText("1/3");
});

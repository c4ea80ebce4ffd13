// The tool catalog and grants end to end, against a real MCP server started by
// the global setup: the owner discovers the server's tools and approves their
// tiers, an admin grants an agent two read tools, the effective-access view
// shows exactly that, and revoking the grant removes it.
import { expect, test } from "../support/fixtures";
import { adminHeaders, createUserViaApi, unique } from "../support/api";
import { signInFirstTime } from "../support/sign-in";
import { readState } from "../support/state";

test("discover, approve tiers, grant two read tools, see effective access, revoke", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const state = readState();
  const ownerEmail = `${unique("tools-owner")}@example.test`;
  const owner = await createUserViaApi(request, { email: ownerEmail, name: "Tia Tools-Owner", role: "owner" });
  const serverName = unique("Weather MCP");
  const server = (await (await request.post("/api/v1/servers", { headers: adminHeaders(), data: { name: serverName, resourceUri: state.mcpUrl, ownerId: owner.id, environment: "development" } })).json()) as { id: string; slug: string };
  const agentName = unique("Trip planner");
  const agent = (await (await request.post("/api/v1/agents", { headers: adminHeaders(), data: { name: agentName, ownerId: owner.id, environment: "development" } })).json()) as { id: string };

  // --- the owner discovers the tools live and applies the proposal
  const ownerContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const ownerPage = await ownerContext.newPage();
  await signInFirstTime(ownerPage, ownerEmail, owner.temporaryPassword, `Tools-${unique("pw")}`);
  await ownerPage.goto(`/servers/${server.id}`);
  await ownerPage.getByRole("button", { name: "Discover tools" }).click();
  await ownerPage.getByRole("dialog", { name: "Discover tools" }).getByRole("button", { name: "Discover" }).click();
  const review = ownerPage.getByTestId("proposal-review");
  await expect(review).toContainText("Added (4)");
  await review.getByRole("button", { name: "Apply proposal" }).click();
  await expect(ownerPage.getByTestId("toast").filter({ hasText: "Catalog updated (version 1)" })).toBeVisible();
  const tools = ownerPage.getByTestId("tools-table");
  await expect(tools.getByRole("row")).toHaveCount(5);
  await expect(tools).toContainText(`mcp:${server.slug}:get_weather`);

  // --- approves the proposed tiers (read, read, write, irreversible)
  await ownerPage.getByRole("button", { name: "Approve all unclassified at proposed tiers" }).click();
  await ownerPage.getByRole("dialog", { name: "Approve all unclassified tools" }).getByRole("button", { name: "Approve all" }).click();
  await expect(tools.getByRole("row", { name: /delete_account/ })).toContainText("Irreversible");
  await expect(tools.getByRole("row", { name: /get_weather/ })).toContainText("Read");
  await expect(tools).not.toContainText("Unclassified");
  await ownerContext.close();

  // --- the admin grants the agent the two read tools
  await page.goto(`/agents/${agent.id}`);
  await page.getByRole("button", { name: "Grant access" }).click();
  const dialog = page.getByRole("dialog", { name: "Grant access" });
  await dialog.getByLabel("Find MCP servers").fill(serverName);
  const serverSelect = dialog.getByLabel(/^MCP server/);
  await expect(serverSelect.locator("option", { hasText: serverName })).toHaveCount(1);
  await serverSelect.selectOption({ value: server.id });
  await dialog.getByRole("checkbox", { name: "get_weather" }).check();
  await dialog.getByRole("checkbox", { name: "get_forecast" }).check();
  await dialog.getByLabel(/^Justification/).fill("plans trips from the weather forecast");
  await dialog.getByRole("button", { name: "Grant", exact: true }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Access granted" })).toBeVisible();
  await expect(page.getByTestId("agent-access")).toContainText(`mcp:${server.slug}:get_forecast`);

  // --- effective access shows exactly that; nobody can call irreversible tools
  await page.goto(`/access?serverId=${server.id}`);
  const access = page.getByTestId("effective-access-table");
  await expect(access.getByRole("row")).toHaveCount(3);
  await expect(access).toContainText(agentName);
  await expect(access).toContainText("get_weather");
  await expect(access).toContainText("get_forecast");
  await page.goto(`/access?serverId=${server.id}&tier=irreversible`);
  await expect(page.getByTestId("effective-access-table")).not.toContainText(agentName);

  // --- revoking the grant removes the access
  await page.goto(`/agents/${agent.id}`);
  await page.getByRole("button", { name: /^Revoke grant/ }).click();
  const revoke = page.getByRole("dialog", { name: "Revoke grant" });
  await revoke.getByLabel(/^Reason/).fill("trip planning moved to another agent");
  await revoke.getByRole("button", { name: "Revoke grant" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Grant revoked" })).toBeVisible();
  await page.goto(`/access?serverId=${server.id}`);
  await expect(page.getByTestId("effective-access-table")).not.toContainText(agentName);

  // --- and the server's public metadata lists exactly the approved tool scopes
  const metadata = await request.get(`/identities/${server.id}/oauth-protected-resource`);
  expect(((await metadata.json()) as { scopes_supported: string[] }).scopes_supported).toEqual(
    ["delete_account", "get_forecast", "get_weather", "save_location"].map((name) => `mcp:${server.slug}:${name}`),
  );
});

// Separation of duties end to end (issue 11): an agent's owner requests an
// irreversible tool, the server's owner approves, a second admin approves, and
// the grant exists; a request that would complete the lethal trifecta is
// blocked with an explanation naming its three tools; and tagging a tool an
// agent already holds flags that agent at once.
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { adminHeaders, createUserViaApi, unique } from "../support/api";
import { signInFirstTime } from "../support/sign-in";

type Tool = { id: string; name: string; scope: string };

async function ok(response: Awaited<ReturnType<APIRequestContext["get"]>>, status: number): Promise<unknown> {
  const text = await response.text();
  expect(response.status(), text).toBe(status);
  return text ? (JSON.parse(text) as unknown) : null;
}

async function userPage(browser: Browser, request: APIRequestContext, role: "owner" | "admin", name: string): Promise<{ id: string; page: Page }> {
  const email = `${unique(role)}@example.test`;
  const user = await createUserViaApi(request, { email, name, role });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInFirstTime(page, email, user.temporaryPassword, `Pw-${unique("e2e")}`);
  return { id: user.id, page };
}

/** A development server owned by `ownerId` with approved tools of the given tiers and approved capability tags. */
async function mailServer(request: APIRequestContext, ownerId: string, tools: Record<string, { tier: "read" | "write" | "irreversible"; tags: string[] }>) {
  const headers = adminHeaders();
  const server = (await ok(await request.post("/api/v1/servers", { headers, data: { name: unique("Mail MCP"), resourceUri: `https://${unique("mail")}.example.test/mcp`, ownerId, environment: "development" } }), 201)) as { id: string; name: string };
  const names = Object.keys(tools);
  const proposal = (await ok(await request.post(`/api/v1/servers/${server.id}/tools/proposals`, { headers, data: { source: "manual", tools: names.map((name) => ({ name, description: `Does ${name}` })) } }), 201)) as { id: string };
  await ok(await request.post(`/api/v1/servers/${server.id}/tools/proposals/${proposal.id}/apply`, { headers }), 200);
  const listed = ((await ok(await request.get(`/api/v1/servers/${server.id}/tools`, { headers }), 200)) as { items: Tool[] }).items;
  const tool = (name: string) => listed.find((item) => item.name === name)!;
  await ok(await request.post(`/api/v1/servers/${server.id}/tools/review`, { headers, data: { decisions: names.map((name) => ({ toolId: tool(name).id, tier: tools[name]!.tier })) } }), 200);
  for (const name of names) {
    if (tools[name]!.tags.length) await ok(await request.put(`/api/v1/servers/${server.id}/tools/${tool(name).id}/capabilities`, { headers, data: { tags: tools[name]!.tags } }), 200);
  }
  return { server, tool };
}

async function agentOf(request: APIRequestContext, ownerId: string) {
  return (await ok(await request.post("/api/v1/agents", { headers: adminHeaders(), data: { name: unique("Mail assistant"), ownerId, environment: "development" } }), 201)) as { id: string; name: string };
}

async function requestAccess(page: Page, agentId: string, server: { id: string; name: string }, toolName: string) {
  await page.goto(`/agents/${agentId}`);
  await page.getByRole("button", { name: "Request access" }).click();
  const dialog = page.getByRole("dialog", { name: "Request access" });
  // the picker lists the first page of a server search: narrow it to this one, then choose it
  await dialog.getByRole("searchbox", { name: "Find MCP servers" }).fill(server.name);
  const picker = dialog.getByRole("combobox", { name: /^MCP server/ });
  await expect(picker.locator(`option[value="${server.id}"]`)).toHaveCount(1);
  await picker.selectOption(server.id);
  await dialog.getByLabel(toolName, { exact: true }).check();
  await dialog.getByLabel(/^Justification/).fill("drafts replies to customer mail for the support team");
  await dialog.getByRole("button", { name: "Send request" }).click();
  return dialog;
}

async function approveNext(page: Page, agentName: string) {
  await page.goto("/access/requests");
  await page.getByRole("button", { name: `Approve the request for ${agentName}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
}

test("an irreversible tool needs the server owner and a second admin; then the grant exists", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const agentOwner = await userPage(browser, request, "owner", "Ada Agent-Owner");
  const serverOwner = await userPage(browser, request, "owner", "Sam Server-Owner");
  const secondAdmin = await userPage(browser, request, "admin", "Alex Second-Admin");
  const { server, tool } = await mailServer(request, serverOwner.id, { read_inbox: { tier: "read", tags: [] }, purge_mailbox: { tier: "irreversible", tags: [] } });
  const agent = await agentOf(request, agentOwner.id);

  const dialog = await requestAccess(agentOwner.page, agent.id, server, "purge_mailbox");
  await expect(dialog).toBeHidden();

  // the requester cannot approve it: it is not waiting for them
  await agentOwner.page.goto("/access/requests");
  await expect(agentOwner.page.getByRole("button", { name: `Approve the request for ${agent.name}` })).toHaveCount(0);

  await approveNext(serverOwner.page, agent.name);
  await expect(serverOwner.page.getByTestId("toast").filter({ hasText: "waiting for the" })).toBeVisible();
  const pending = (await ok(await request.get(`/api/v1/grants?agentId=${agent.id}`, { headers: adminHeaders() }), 200)) as { items: unknown[] };
  expect(pending.items).toEqual([]);

  await approveNext(secondAdmin.page, agent.name);
  await expect(secondAdmin.page.getByTestId("toast").filter({ hasText: "Approved: access granted" })).toBeVisible();
  const grants = (await ok(await request.get(`/api/v1/grants?agentId=${agent.id}`, { headers: adminHeaders() }), 200)) as { items: { tools: { scope: string }[] }[] };
  expect(grants.items.map((grant) => grant.tools.map((item) => item.scope))).toEqual([[tool("purge_mailbox").scope]]);
});

test("a request that would complete the lethal trifecta is blocked, naming the three tools", async ({ browser, request }) => {
  const agentOwner = await userPage(browser, request, "owner", "Bea Agent-Owner");
  const serverOwner = await userPage(browser, request, "owner", "Tom Server-Owner");
  const { server, tool } = await mailServer(request, serverOwner.id, {
    read_inbox: { tier: "read", tags: ["reads-private-data"] },
    fetch_page: { tier: "read", tags: ["untrusted-input"] },
    send_email: { tier: "write", tags: ["external-communication"] },
  });
  const agent = await agentOf(request, agentOwner.id);
  await ok(await request.post("/api/v1/grants", { headers: adminHeaders(), data: { agentId: agent.id, serverId: server.id, toolIds: [tool("read_inbox").id, tool("fetch_page").id], justification: "reads and researches customer mail" } }), 201);

  const dialog = await requestAccess(agentOwner.page, agent.id, server, "send_email");
  const problem = dialog.getByRole("alert").filter({ hasText: "The request was not sent" });
  await expect(problem).toContainText("Lethal trifecta");
  for (const name of ["read_inbox", "fetch_page", "send_email"]) await expect(problem).toContainText(name);
  // nothing was requested
  const requests = (await ok(await request.get(`/api/v1/access-requests?view=all&agentId=${agent.id}`, { headers: adminHeaders() }), 200)) as { items: unknown[] };
  expect(requests.items).toEqual([]);
});

test("tagging a tool an agent already holds flags the agent at once", async ({ page, request }) => {
  const owner = (await createUserViaApi(request, { email: `${unique("owner")}@example.test`, name: "Cleo Owner", role: "owner" })).id;
  const { server, tool } = await mailServer(request, owner, {
    read_inbox: { tier: "read", tags: ["reads-private-data"] },
    fetch_page: { tier: "read", tags: ["untrusted-input"] },
    post_update: { tier: "write", tags: [] },
  });
  const agent = await agentOf(request, owner);
  await ok(await request.post("/api/v1/grants", { headers: adminHeaders(), data: { agentId: agent.id, serverId: server.id, toolIds: [tool("read_inbox").id, tool("fetch_page").id, tool("post_update").id], justification: "posts research summaries" } }), 201);

  await page.goto(`/servers/${server.id}`);
  await page.getByRole("button", { name: "Edit capabilities of post_update" }).click();
  const dialog = page.getByRole("dialog", { name: "Capabilities of post_update" });
  await dialog.getByLabel(/external-communication/).check();
  await dialog.getByRole("button", { name: "Save capabilities" }).click();
  await expect(page.getByRole("dialog", { name: "Capabilities of post_update saved" })).toContainText("1 agent now holds a toxic combination");

  await page.goto("/access/toxic");
  await expect(page.getByRole("row").filter({ hasText: agent.name })).toContainText("Lethal trifecta");
});

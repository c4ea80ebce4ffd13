// "My reviews" end to end: an admin launches a grants campaign (management
// API); the agent's owner signs in, sees an item per granted tool scope with
// its tier and justification, certifies one, revokes another with a comment,
// and the revoked scope is gone from the grant (and so from the next bundle).
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { adminHeaders, createUserViaApi, unique } from "../support/api";
import { grantConfirmed } from "../support/grants";
import { signInFirstTime } from "../support/sign-in";

async function ok(response: Awaited<ReturnType<APIRequestContext["get"]>>, status: number) {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as Record<string, unknown>;
}

test("an owner certifies and revokes grant scopes in My reviews", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const headers = adminHeaders();
  const ownerEmail = `${unique("reviewer")}@example.test`;
  const owner = await createUserViaApi(request, { email: ownerEmail, name: "Rhea Reviewer", role: "owner" });

  // --- a server with a read and an irreversible tool, an agent of the owner granted both
  const server = (await ok(await request.post("/api/v1/servers", { headers, data: { name: unique("Payroll MCP"), resourceUri: `https://${unique("payroll")}.example.test/mcp`, ownerId: owner.id, environment: "development" } }), 201)) as { id: string };
  const proposal = (await ok(
    await request.post(`/api/v1/servers/${server.id}/tools/proposals`, { headers, data: { source: "manual", tools: [{ name: "read_payslips", annotations: { readOnlyHint: true } }, { name: "run_payroll", annotations: { destructiveHint: true } }] } }),
    201,
  )) as { id: string };
  await ok(await request.post(`/api/v1/servers/${server.id}/tools/proposals/${proposal.id}/apply`, { headers }), 200);
  const tools = ((await ok(await request.get(`/api/v1/servers/${server.id}/tools`, { headers }), 200)) as { items: { id: string; name: string }[] }).items;
  const toolId = (name: string) => tools.find((tool) => tool.name === name)!.id;
  await ok(await request.post(`/api/v1/servers/${server.id}/tools/review`, { headers, data: { decisions: [{ toolId: toolId("read_payslips"), tier: "read" }, { toolId: toolId("run_payroll"), tier: "irreversible" }] } }), 200);
  const agentName = unique("Payroll bot");
  const agent = (await ok(await request.post("/api/v1/agents", { headers, data: { name: agentName, ownerId: owner.id, environment: "development" } }), 201)) as { id: string };
  // run_payroll is irreversible: a second admin confirms the grant (four-eyes)
  const grant = await grantConfirmed(request, { agentId: agent.id, serverId: server.id, toolIds: [toolId("read_payslips"), toolId("run_payroll")], justification: "prepares the monthly payroll run" }, headers);

  // --- the admin defines, previews and launches a grants campaign for this owner's agents
  const dueAt = new Date(Date.now() + 14 * 86_400_000).toISOString();
  const campaign = (await ok(await request.post("/api/v1/campaigns", { headers, data: { type: "grant", name: unique("Q4 payroll access"), dueAt, filters: { ownerIds: [owner.id] } } }), 201)) as { id: string };
  expect(await ok(await request.get(`/api/v1/campaigns/${campaign.id}/preview`, { headers }), 200)).toMatchObject({ items: 2, reviewers: [{ userId: owner.id, items: 2, fallback: false }] });
  await ok(await request.post(`/api/v1/campaigns/${campaign.id}/launch`, { headers }), 200);
  await expect.poll(async () => ((await ok(await request.get(`/api/v1/campaigns/${campaign.id}`, { headers }), 200)) as { status: string }).status).toBe("active");

  // --- the owner reviews in the browser
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInFirstTime(page, ownerEmail, owner.temporaryPassword, `Review-${unique("pw")}`);
  await page.goto("/reviews");
  const inbox = page.getByTestId("review-inbox");
  const readRow = inbox.getByRole("row", { name: new RegExp(`${agentName} → read_payslips`) });
  const payrollRow = inbox.getByRole("row", { name: new RegExp(`${agentName} → run_payroll`) });
  await expect(readRow).toContainText("read");
  await expect(payrollRow).toContainText("irreversible");
  await expect(payrollRow).toContainText("prepares the monthly payroll run");

  await readRow.getByRole("button", { name: /^Certify/ }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Certified" })).toBeVisible();
  await expect(readRow).toHaveCount(0);

  // revoking needs a comment: an empty one is refused in place
  await payrollRow.getByRole("button", { name: /^Revoke/ }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke access" });
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(dialog).toContainText("at least 3 characters");
  await dialog.getByLabel(/^Comment/).fill("payroll moved to the new HR system");
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Revoked" })).toBeVisible();
  await expect(inbox).toContainText("Nothing to review");
  await context.close();

  // --- the scope is gone from the grant, so from the next policy bundle; the certified one stays
  const after = (await ok(await request.get(`/api/v1/grants/${grant.id}`, { headers }), 200)) as { tools: { name: string; revokedAt: string | null }[]; state: string };
  expect(after.state).toBe("active");
  expect(after.tools.find((tool) => tool.name === "run_payroll")!.revokedAt).not.toBeNull();
  expect(after.tools.find((tool) => tool.name === "read_payslips")!.revokedAt).toBeNull();
  const decided = (await ok(await request.get(`/api/v1/campaigns/${campaign.id}/items?status=decided`, { headers }), 200)) as { items: { status: string; comment: string | null }[] };
  expect(decided.items.map((item) => item.status).sort()).toEqual(["certified", "revoked"]);
  expect(decided.items.find((item) => item.status === "revoked")!.comment).toBe("payroll moved to the new HR system");
});

// Recertification end to end (the "Done when"): an admin creates and
// launches a grants campaign in the console; the agent's owner signs in, sees
// the items in "My reviews" with last-used evidence (reported by a gateway),
// certifies one from the keyboard, revokes one with a comment and
// bulk-certifies the rest; the revoked scope is gone from the gateway's next
// policy bundle revision; and the evidence export downloaded from the
// dashboard holds every item and verifies against Warden's JWKS.
import fs from "node:fs/promises";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { createRemoteJWKSet, flattenedVerify, type FlattenedJWS } from "jose";
import { adminHeaders, createUserViaApi, unique } from "../support/api";
import { grantConfirmed } from "../support/grants";
import { enforcingGateway, registerGateway } from "../support/gateway";
import { signInFirstTime } from "../support/sign-in";
import { BASE_URL } from "../support/state";

async function ok(response: Awaited<ReturnType<APIRequestContext["get"]>>, status: number) {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as Record<string, unknown>;
}

const inDays = (days: number) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T09:00`;

test("a grants campaign from launch to signed evidence", async ({ page, browser, request }) => {
  test.setTimeout(180_000);
  const headers = adminHeaders();
  const ownerEmail = `${unique("recert")}@example.test`;
  const owner = await createUserViaApi(request, { email: ownerEmail, name: "Rita Recertifier", role: "owner" });

  // --- a server with two read tools and an irreversible one; the owner's agent holds all three
  const serverName = unique("Payroll MCP");
  const server = (await ok(await request.post("/api/v1/servers", { headers, data: { name: serverName, resourceUri: `https://${unique("payroll")}.example.test/mcp`, ownerId: owner.id, environment: "development" } }), 201)) as { id: string };
  const names = ["read_payslips", "list_employees", "run_payroll"];
  const proposal = (await ok(
    await request.post(`/api/v1/servers/${server.id}/tools/proposals`, { headers, data: { source: "manual", tools: [{ name: names[0], annotations: { readOnlyHint: true } }, { name: names[1], annotations: { readOnlyHint: true } }, { name: names[2], annotations: { destructiveHint: true } }] } }),
    201,
  )) as { id: string };
  await ok(await request.post(`/api/v1/servers/${server.id}/tools/proposals/${proposal.id}/apply`, { headers }), 200);
  const tools = ((await ok(await request.get(`/api/v1/servers/${server.id}/tools`, { headers }), 200)) as { items: { id: string; name: string; scope: string }[] }).items;
  const tool = (name: string) => tools.find((candidate) => candidate.name === name)!;
  await ok(await request.post(`/api/v1/servers/${server.id}/tools/review`, { headers, data: { decisions: [{ toolId: tool(names[0]!).id, tier: "read" }, { toolId: tool(names[1]!).id, tier: "read" }, { toolId: tool(names[2]!).id, tier: "irreversible" }] } }), 200);
  const agentName = unique("Payroll bot");
  const agent = (await ok(await request.post("/api/v1/agents", { headers, data: { name: agentName, ownerId: owner.id, environment: "development" } }), 201)) as { id: string; clientId: string };
  // the third tool is irreversible: a second admin confirms the grant (four-eyes)
  const grant = await grantConfirmed(request, { agentId: agent.id, serverId: server.id, toolIds: names.map((name) => tool(name).id), justification: "runs the monthly payroll" }, headers);

  // --- a gateway in front of the server reports two allowed calls of read_payslips
  const enforcer = await enforcingGateway(request, (await registerGateway(request, { name: unique("Payroll gateway"), ownerId: owner.id, serverIds: [server.id] })).id);
  const call = (id: string) => ({ type: "decision", id, at: new Date().toISOString(), serverId: server.id, agentId: agent.id, clientId: agent.clientId, method: "tools/call", tool: names[0], scope: tool(names[0]!).scope, tokenJti: null, act: [], policyRevision: null, decision: "allow", status: null, error: null, reason: null, latencyMs: 2 });
  await enforcer.reportEvents([call(unique("call-1")), call(unique("call-2"))]);

  // --- the admin creates the campaign in the console and launches it
  await page.goto("/campaigns/new");
  await page.getByRole("button", { name: "Use Quarterly grants review" }).click();
  const campaignName = unique("Payroll access review");
  await page.getByLabel(/^Name/).fill(campaignName);
  await page.getByLabel("Recurrence").selectOption("");
  await page.getByLabel("Find servers").fill(serverName);
  await page.getByLabel(new RegExp(serverName)).check();
  await page.getByLabel(/^Due/).fill(inDays(14));
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/campaigns\/cmp_[0-9a-z]{26}$/);
  const campaignId = page.url().split("/").pop()!;
  await page.getByRole("button", { name: "Launch", exact: true }).click();
  const launch = page.getByRole("dialog", { name: "Launch campaign" });
  await expect(launch.getByTestId("launch-count")).toContainText("3 items for 1 reviewer");
  await launch.getByRole("button", { name: "Launch" }).click();
  await expect(page.getByTestId("campaign-dashboard")).toBeVisible({ timeout: 20_000 });

  // --- the owner reviews in the browser
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const ownerPage = await context.newPage();
  await signInFirstTime(ownerPage, ownerEmail, owner.temporaryPassword, `Recert-${unique("pw")}`);
  await ownerPage.goto("/reviews");
  const inbox = ownerPage.getByTestId("review-inbox");
  const row = (name: string) => inbox.getByRole("row", { name: new RegExp(`${agentName} → ${name}`) });
  await expect(row("read_payslips").getByTestId("last-used")).toHaveText("Last used today · 2 calls");
  await expect(row("list_employees").getByTestId("last-used")).toHaveText("Last used never · 0 calls");
  await expect(row("run_payroll")).toContainText("irreversible");
  await expect(row("run_payroll")).toContainText("runs the monthly payroll");

  // certify one from the keyboard: j moves to the first item, c certifies it
  const first = (await inbox.locator("tr[data-row-id]").first().textContent())!;
  const certifiedName = names.find((name) => first.includes(`→ ${name}`))!;
  expect(certifiedName).not.toBe("run_payroll");
  await ownerPage.keyboard.press("j");
  await expect(inbox.locator("tr[aria-current='true']")).toContainText(certifiedName);
  await ownerPage.keyboard.press("c");
  await expect(ownerPage.getByTestId("toast").filter({ hasText: "Certified" })).toBeVisible();
  await expect(row(certifiedName)).toHaveCount(0);

  // revoke the irreversible one: a comment is required
  const revisionBefore = (await enforcer.fetchBundle()).revision;
  await row("run_payroll").getByRole("button", { name: /^Revoke/ }).click();
  const dialog = ownerPage.getByRole("dialog", { name: "Revoke access" });
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(dialog).toContainText("at least 3 characters");
  await dialog.getByLabel(/^Comment/).fill("payroll runs move to the new HR system");
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(ownerPage.getByTestId("toast").filter({ hasText: "Revoked" })).toBeVisible();

  // bulk-certify the rest (the remaining read-tier item)
  await ownerPage.getByRole("button", { name: "Certify all read-tier items" }).click();
  await ownerPage.getByRole("dialog", { name: "Certify all read-tier items" }).getByRole("button", { name: "Certify" }).click();
  await expect(ownerPage.getByTestId("toast").filter({ hasText: "Certified 1 item" })).toBeVisible();
  await expect(inbox).toContainText("Nothing to review");
  await context.close();

  // --- the next bundle revision no longer carries the revoked scope; the certified ones stay
  const after = await enforcer.fetchBundle();
  expect(after.revision).toBeGreaterThan(revisionBefore);
  const bundled = after.document.grants.find((candidate) => candidate.id === grant.id)!;
  expect(bundled.scopes.sort()).toEqual([tool(names[0]!).scope, tool(names[1]!).scope].sort());
  expect(bundled.scopes).not.toContain(tool("run_payroll").scope);

  // --- the evidence export from the dashboard: every item, signed, verifiable against the JWKS
  await page.reload();
  await expect(page.getByTestId("campaign-dashboard")).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export evidence (signed JSON)" }).click()]);
  const jws = JSON.parse(await fs.readFile((await download.path())!, "utf8")) as FlattenedJWS;
  const { payload } = await flattenedVerify(jws, createRemoteJWKSet(new URL(`${BASE_URL}/.well-known/jwks.json`)));
  const evidence = JSON.parse(new TextDecoder().decode(payload)) as { campaign: { id: string }; items: { target: string; status: string; reviewer: string; decidedBy: string | null; comment: string | null; action: string | null }[] };
  expect(evidence.campaign.id).toBe(campaignId);
  expect(evidence.items).toHaveLength(3);
  expect(evidence.items.map((item) => item.status).sort()).toEqual(["certified", "certified", "revoked"]);
  const revoked = evidence.items.find((item) => item.status === "revoked")!;
  expect(revoked).toMatchObject({ target: `${agentName} → run_payroll on ${serverName}`, reviewer: ownerEmail, decidedBy: ownerEmail, comment: "payroll runs move to the new HR system" });
  expect(revoked.action).toContain(grant.id);
  // a changed byte breaks the signature (flipped, so it changes whatever the byte was)
  const signature = Buffer.from(jws.signature, "base64url");
  signature[10]! ^= 0x01;
  await expect(flattenedVerify({ ...jws, signature: signature.toString("base64url") }, createRemoteJWKSet(new URL(`${BASE_URL}/.well-known/jwks.json`)))).rejects.toThrow();
});

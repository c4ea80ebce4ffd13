// The NHI registry end to end: an owner registers an MCP server (production,
// so its key needs proof of possession) and an agent with keys; an admin
// approves both, transfers the server, deactivates the former owner and finds
// the orphaned agent, revokes a key and then the server — each step in the
// audit history.
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { CompactSign, exportJWK, generateKeyPair } from "jose";
import { adminHeaders, createUserViaApi, unique } from "../support/api";
import { signInFirstTime } from "../support/sign-in";

async function newKey() {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  return { jwk: await exportJWK(publicKey), privateKey };
}

async function openAddKey(page: Page) {
  await page.getByRole("button", { name: "Add key" }).click();
  return page.getByRole("dialog", { name: "Add key" });
}

test("register, approve, transfer, orphan, revoke — each step audited", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const ownerEmail = `${unique("owner")}@example.test`;
  const heirEmail = `${unique("heir")}@example.test`;
  const owner = await createUserViaApi(request, { email: ownerEmail, name: "Ola Owner", role: "owner" });
  await createUserViaApi(request, { email: heirEmail, name: "Hugo Heir", role: "owner" });

  // --- the owner registers a production server and proves they hold its key
  const ownerContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const ownerPage = await ownerContext.newPage();
  await signInFirstTime(ownerPage, ownerEmail, owner.temporaryPassword, `Owner-${unique("pw")}`);
  const serverName = unique("Payments MCP");
  await ownerPage.goto("/servers/new");
  await ownerPage.getByLabel(/^Name/).fill(serverName);
  await ownerPage.getByLabel("Environment").selectOption("production");
  await ownerPage.getByLabel("Resource URI").fill(`https://${unique("payments")}.example.test/mcp`);
  await ownerPage.getByRole("button", { name: "Register server" }).click();
  await expect(ownerPage).toHaveURL(/\/servers\/srv_[0-9a-z]{26}$/);
  await expect(ownerPage.getByTestId("identity-status")).toHaveText("Pending");
  const serverUrl = ownerPage.url();

  const serverKey = await newKey();
  let dialog = await openAddKey(ownerPage);
  await dialog.getByLabel("Public key (JWK or JWK Set)").fill(JSON.stringify(serverKey.jwk));
  // without a proof the production key is refused, and nothing typed is lost
  await dialog.getByRole("button", { name: "Add key" }).click();
  await expect(dialog.getByText("The key was not added")).toBeVisible();
  await dialog.getByRole("button", { name: "Get challenge" }).click();
  const challenge = (await dialog.getByTestId("key-challenge-value").textContent())!.trim();
  const audience = (await dialog.getByTestId("key-challenge-audience").textContent())!.trim();
  const proof = await new CompactSign(new TextEncoder().encode(JSON.stringify({ challenge, aud: audience, iat: Math.floor(Date.now() / 1000) })))
    .setProtectedHeader({ alg: "ES256", typ: "warden-key-proof+jwt" })
    .sign(serverKey.privateKey);
  await dialog.getByLabel("Signed proof (compact JWS)").fill(proof);
  await dialog.getByRole("button", { name: "Add key" }).click();
  await expect(ownerPage.getByTestId("toast").filter({ hasText: "Key added" })).toBeVisible();
  const keys = ownerPage.getByTestId("keys-table");
  await expect(keys).toContainText("ES256");
  await expect(keys).toContainText("proven");
  const serverKid = (await keys.locator("code").first().textContent())!.trim();

  // --- and a staging agent with a key (no proof needed outside production)
  const agentName = unique("Billing agent");
  await ownerPage.goto("/agents/new");
  await ownerPage.getByLabel(/^Name/).fill(agentName);
  await ownerPage.getByLabel("Environment").selectOption("staging");
  await ownerPage.getByRole("button", { name: "Register agent" }).click();
  await expect(ownerPage).toHaveURL(/\/agents\/agt_[0-9a-z]{26}$/);
  const agentUrl = ownerPage.url();
  dialog = await openAddKey(ownerPage);
  await dialog.getByLabel("Public key (JWK or JWK Set)").fill(JSON.stringify({ keys: [(await newKey()).jwk] }));
  await dialog.getByRole("button", { name: "Add key" }).click();
  await expect(ownerPage.getByTestId("keys-table")).toContainText("ES256");
  // owners cannot approve their own identities
  await expect(ownerPage.getByRole("button", { name: "Approve" })).toHaveCount(0);
  // both are listed under "My identities"
  await ownerPage.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "My identities" }).click();
  const mine = ownerPage.getByTestId("identities-table");
  await expect(mine).toContainText(serverName);
  await expect(mine).toContainText(agentName);

  // --- the admin approves both
  for (const url of [serverUrl, agentUrl]) {
    await page.goto(url);
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByRole("dialog").getByRole("button", { name: /^Approve / }).click();
    await expect(page.getByTestId("identity-status")).toHaveText("Active");
  }

  // --- transfers the server to another owner
  await page.goto(serverUrl);
  await page.getByRole("button", { name: "Transfer ownership" }).click();
  dialog = page.getByRole("dialog", { name: "Transfer ownership" });
  await dialog.getByLabel("Find new owner").fill(heirEmail);
  await expect(dialog.getByLabel(/^New owner/).locator("option", { hasText: heirEmail })).toHaveCount(1);
  await dialog.getByLabel(/^New owner/).selectOption({ label: `Hugo Heir (${heirEmail})` });
  await dialog.getByLabel("Reason (optional)").fill("team change");
  await dialog.getByRole("button", { name: "Transfer" }).click();
  await expect(page.getByTestId("identity-owners")).toContainText(heirEmail);

  // --- deactivates the former owner: their agent becomes an orphan
  await page.goto("/settings/users");
  await page.getByLabel("Search").fill(ownerEmail);
  await page.getByRole("button", { name: `Deactivate ${ownerEmail}` }).click();
  const confirm = page.getByRole("dialog");
  await confirm.getByLabel(`Type ${ownerEmail} to confirm`).fill(ownerEmail);
  await confirm.getByRole("button", { name: "Deactivate user" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "User deactivated" })).toBeVisible();
  await page.goto("/orphans");
  const orphans = page.getByTestId("orphans-table");
  await expect(orphans).toContainText(agentName);
  await expect(orphans).not.toContainText(serverName);
  await page.goto(agentUrl);
  await expect(page.getByText("This identity is orphaned")).toBeVisible();

  // --- revokes the server's key, then the server
  await page.goto(serverUrl);
  await page.getByRole("button", { name: `Revoke ${serverKid}` }).click();
  dialog = page.getByRole("dialog", { name: "Revoke key" });
  await dialog.getByLabel(/^Reason/).fill("rotated after the transfer");
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Key revoked" })).toBeVisible();
  const serverId = serverUrl.split("/").at(-1)!;
  const { slug } = (await (await request.get(`/api/v1/servers/${serverId}`, { headers: adminHeaders() })).json()) as { slug: string };
  await page.getByRole("button", { name: "Revoke", exact: true }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel(`Type ${slug} to confirm`).fill(slug);
  await dialog.getByLabel(/^Reason/).fill("decommissioned");
  await dialog.getByRole("button", { name: "Revoke MCP server" }).click();
  await expect(page.getByTestId("identity-status")).toHaveText("Revoked");

  // --- every step is in the server's audit history
  const history = page.getByTestId("identity-audit-history");
  for (const action of ["identity.registered", "key.challenge_issued", "key.added", "identity.approved", "identity.owner_transferred", "key.revoked", "identity.revoked"]) {
    await expect(history, action).toContainText(action);
  }
  // and the public JWK Set of the revoked server is empty
  const jwks = await request.get(`/identities/${serverId}/jwks.json`);
  expect(jwks.headers()["content-type"]).toContain("application/jwk-set+json");
  expect(await jwks.json()).toEqual({ keys: [] });
  await ownerContext.close();
});

// Sender constraints beyond DPoP in the console: an agent registered for mTLS
// client authentication with certificate-bound tokens through the form (bad
// input kept and explained), and the hardware-key story — an admin trusts an
// attester, an owner adds a key with that attester's attestation and sees it
// as hardware-bound, and revoking the attester turns it back into software.
import crypto from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { expect, test } from "../support/fixtures";
import { adminHeaders, unique } from "../support/api";
import { adminUserId } from "../support/gateway";

test("an agent registered for tls_client_auth keeps bad input, explains it, and shows its client settings", async ({ page }) => {
  const name = unique("mTLS agent");
  await page.goto("/agents/new");
  await page.getByLabel(/^Name/).fill(name);
  await page.getByLabel("Environment").selectOption("development");
  await page.getByLabel("Client authentication").selectOption("tls_client_auth");
  await page.getByLabel("Token binding").selectOption("mtls");
  await page.getByRole("button", { name: "Register agent" }).click();
  // the certificate subject is required for tls_client_auth: refused in place, nothing lost
  await expect(page.getByText("Required").first()).toBeVisible();
  await expect(page.getByLabel(/^Name/)).toHaveValue(name);
  await page.getByLabel("Certificate field").selectOption("san_uri");
  await page.getByLabel(/^Certificate must hold/).fill("spiffe://example.test/e2e-agent");
  await page.getByRole("button", { name: "Register agent" }).click();

  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("CA-issued client certificate (tls_client_auth)")).toBeVisible();
  await expect(page.getByText("spiffe://example.test/e2e-agent")).toBeVisible();
  await expect(page.getByText("mTLS (client certificate)")).toBeVisible();
});

test("an admin trusts an attester; a key registered with its attestation is hardware-bound until the attester is revoked", async ({ page, request }) => {
  const attesterKey = await generateKeyPair("ES256", { extractable: true });
  const attesterJwk = { ...(await exportJWK(attesterKey.publicKey)), kid: "attester-1", alg: "ES256" };
  const attesterName = unique("Runtime TPM");
  const issuer = `https://${unique("attester")}.example.test`;

  await page.goto("/settings/attesters");
  await page.getByRole("button", { name: "Trust an attester" }).click();
  const dialog = page.getByRole("dialog", { name: "Trust an attester" });
  await dialog.getByLabel(/^Name/).fill(attesterName);
  await dialog.getByLabel(/^Issuer/).fill(issuer);
  await dialog.getByLabel(/^Public keys/).fill("{ not json");
  await dialog.getByRole("button", { name: "Trust attester" }).click();
  // the problem is on its field, and nothing typed is lost
  await expect(dialog.getByText("Not valid JSON")).toBeVisible();
  await expect(dialog.getByLabel(/^Public keys/)).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel(/^Name/)).toHaveValue(attesterName);
  await dialog.getByLabel(/^Public keys/).fill(JSON.stringify({ keys: [attesterJwk] }));
  await dialog.getByRole("button", { name: "Trust attester" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Attester trusted" })).toBeVisible();
  const row = page.getByTestId("attesters-table").getByRole("row").filter({ hasText: attesterName });
  await expect(row).toContainText("key_storage ∈ {tpm}");

  const ownerId = await adminUserId(request);
  const created = await request.post("/api/v1/agents", { headers: adminHeaders(), data: { name: unique("Attested agent"), ownerId, environment: "development" } });
  expect(created.status(), await created.text()).toBe(201);
  const agent = (await created.json()) as { id: string; clientId: string };
  const instance = await generateKeyPair("ES256", { extractable: true });
  const instanceJwk = await exportJWK(instance.publicKey);
  const now = Math.floor(Date.now() / 1000);
  const attestation = await new SignJWT({ iss: issuer, sub: agent.clientId, iat: now, exp: now + 3600, cnf: { jwk: instanceJwk }, key_storage: "tpm", jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: "ES256", kid: "attester-1", typ: "oauth-client-attestation+jwt" })
    .sign(attesterKey.privateKey);

  await page.goto(`/agents/${agent.id}`);
  await page.getByRole("button", { name: "Add key" }).click();
  const add = page.getByRole("dialog", { name: "Add key" });
  await add.getByLabel("Public key (JWK or JWK Set)").fill(JSON.stringify(instanceJwk));
  await add.getByText("Hardware attestation").click();
  await add.getByLabel("Client Attestation JWT").fill(attestation);
  await add.getByRole("button", { name: "Add key" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Key added" })).toBeVisible();
  await expect(page.getByText("hardware", { exact: true })).toBeVisible();
  await expect(page.getByText(attesterName)).toBeVisible();

  await page.goto("/settings/attesters");
  await page.getByRole("button", { name: `Revoke ${attesterName}` }).click();
  const confirm = page.getByRole("dialog", { name: `Revoke ${attesterName}` });
  await confirm.getByLabel(/^Reason/).fill("no");
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(confirm.getByText("Give a reason of at least 3 characters")).toBeVisible();
  await confirm.getByLabel(/^Reason/).fill("the runtime's TPM firmware is vulnerable");
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Attester revoked" })).toBeVisible();

  await page.goto(`/agents/${agent.id}`);
  await expect(page.getByRole("row").filter({ hasText: "software" }).first()).toBeVisible();
  await expect(page.getByText("hardware", { exact: true })).toHaveCount(0);
});

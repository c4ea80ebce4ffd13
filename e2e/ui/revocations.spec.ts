// The Revocations page: a revoked server appears with the revision that
// contains it, and its reach climbs live once a gateway fronting it reports
// enforcing that revision.
import { expect, test } from "@playwright/test";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { adminHeaders, unique } from "../support/api";

test("a revocation's reach updates live as a fronting gateway takes it", async ({ page, request }) => {
  const admin = await request.get("/api/v1/users?role=admin&limit=1", { headers: adminHeaders() });
  const ownerId = ((await admin.json()) as { items: { id: string }[] }).items[0]!.id;
  const serverName = unique("revoked-mcp");
  const server = (await (await request.post("/api/v1/servers", { headers: adminHeaders(), data: { name: serverName, resourceUri: `https://${serverName}.example.test/mcp`, ownerId, environment: "development" } })).json()) as { id: string };
  const gatewayResponse = await request.post("/api/v1/gateways", { headers: adminHeaders(), data: { name: unique("front-gw"), ownerId, environment: "development", serverIds: [server.id] } });
  expect(gatewayResponse.status(), await gatewayResponse.text()).toBe(201);
  const gateway = (await gatewayResponse.json()) as { id: string };
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const added = await request.post(`/api/v1/identities/${gateway.id}/keys`, { headers: adminHeaders(), data: { jwk: await exportJWK(publicKey) } });
  expect(added.status(), await added.text()).toBe(201);
  const kid = ((await added.json()) as { items: { kid: string }[] }).items[0]!.kid;

  const revoked = await request.post(`/api/v1/identities/${server.id}/revoke`, { headers: adminHeaders(), data: { reason: "decommissioned in e2e" } });
  expect(revoked.status(), await revoked.text()).toBe(200);

  await page.goto("/revocations");
  const row = page.getByTestId("revocations-table").getByRole("row").filter({ hasText: serverName });
  await expect(row).toContainText("decommissioned in e2e");
  await expect(row).toContainText(/reached 0 of \d+ gateway/);

  // the gateway fetches the bundle with the revocation and reports enforcing it
  const { issuer } = (await (await request.get("/.well-known/oauth-authorization-server")).json()) as { issuer: string };
  const credential = (path: string) =>
    new SignJWT({}).setProtectedHeader({ alg: "ES256", kid }).setIssuer(gateway.id).setSubject(gateway.id).setAudience(`${issuer}${path}`).setIssuedAt().setExpirationTime("2m").sign(privateKey);
  const bundle = await request.get("/policy/v1/bundle", { headers: { authorization: `Bearer ${await credential("/policy/v1/bundle")}` } });
  expect(bundle.status()).toBe(200);
  const revision = Number(bundle.headers()["x-warden-policy-revision"]);
  const status = await request.post("/policy/v1/status", {
    headers: { authorization: `Bearer ${await credential("/policy/v1/status")}`, "content-type": "application/json" },
    data: { revision, lastSuccessfulFetch: new Date().toISOString(), errors: [], version: "e2e-gateway/1.0" },
  });
  expect(status.status(), await status.text()).toBe(204);
  // no reload: the page refreshes itself
  await expect(row).toContainText(/reached 1 of \d+ gateway/, { timeout: 10_000 });
});

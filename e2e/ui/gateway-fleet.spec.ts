// The Gateways page's policy distribution table: a gateway that fetched the
// current bundle and reported shows its revision as current and is healthy; a
// gateway that never reported is flagged stale.
import { expect, test } from "@playwright/test";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { adminHeaders, unique } from "../support/api";

test("the Gateways page shows each gateway's policy revision, lag and health", async ({ page, request }) => {
  const admin = await request.get("/api/v1/users?role=admin&limit=1", { headers: adminHeaders() });
  const ownerId = ((await admin.json()) as { items: { id: string }[] }).items[0]!.id;
  const register = async (name: string) => {
    const created = await request.post("/api/v1/gateways", { headers: adminHeaders(), data: { name, ownerId, environment: "development", frontsAllServers: true } });
    expect(created.status(), await created.text()).toBe(201);
    return (await created.json()) as { id: string };
  };
  const reportingName = unique("edge-gw");
  const silentName = unique("quiet-gw");
  const reporting = await register(reportingName);
  await register(silentName);

  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const jwk = await exportJWK(publicKey);
  const added = await request.post(`/api/v1/identities/${reporting.id}/keys`, { headers: adminHeaders(), data: { jwk } });
  expect(added.status(), await added.text()).toBe(201);
  const kid = ((await added.json()) as { items: { kid: string }[] }).items[0]!.kid;

  const { issuer } = (await (await request.get("/.well-known/oauth-authorization-server")).json()) as { issuer: string };
  const credential = (path: string) =>
    new SignJWT({}).setProtectedHeader({ alg: "ES256", kid }).setIssuer(reporting.id).setSubject(reporting.id).setAudience(`${issuer}${path}`).setIssuedAt().setExpirationTime("2m").sign(privateKey);
  const bundle = await request.get("/policy/v1/bundle", { headers: { authorization: `Bearer ${await credential("/policy/v1/bundle")}` } });
  expect(bundle.status()).toBe(200);
  const revision = Number(bundle.headers()["x-warden-policy-revision"]);
  const status = await request.post("/policy/v1/status", {
    headers: { authorization: `Bearer ${await credential("/policy/v1/status")}`, "content-type": "application/json" },
    data: { revision, lastSuccessfulFetch: new Date().toISOString(), errors: [], version: "e2e-gateway/1.0" },
  });
  expect(status.status(), await status.text()).toBe(204);

  await page.goto("/gateways");
  const fleet = page.getByTestId("fleet-table");
  const row = (name: string) => fleet.getByRole("row").filter({ hasText: name });
  await expect(page.getByRole("heading", { name: "Policy distribution" })).toBeVisible();
  await expect(row(reportingName)).toContainText(String(revision));
  await expect(row(reportingName)).toContainText("reporting");
  await expect(row(reportingName)).toContainText("e2e-gateway/1.0");
  await expect(row(silentName)).toContainText("stale");
  await expect(row(silentName)).toContainText("never");
});

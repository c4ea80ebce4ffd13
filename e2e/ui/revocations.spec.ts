// The Revocations page: a revoked server appears with the revision that
// contains it, and its reach climbs live once a gateway fronting it reports
// enforcing that revision.
import { expect, test } from "../support/fixtures";
import { adminHeaders, unique } from "../support/api";
import { adminUserId, enforcingGateway, registerGateway } from "../support/gateway";

test("a revocation's reach updates live as a fronting gateway takes it", async ({ page, request }) => {
  const ownerId = await adminUserId(request);
  const serverName = unique("revoked-mcp");
  const server = (await (await request.post("/api/v1/servers", { headers: adminHeaders(), data: { name: serverName, resourceUri: `https://${serverName}.example.test/mcp`, ownerId, environment: "development" } })).json()) as { id: string };
  const registered = await registerGateway(request, { name: unique("front-gw"), ownerId, serverIds: [server.id] });
  const gateway = await enforcingGateway(request, registered.id);

  const revoked = await request.post(`/api/v1/identities/${server.id}/revoke`, { headers: adminHeaders(), data: { reason: "decommissioned in e2e" } });
  expect(revoked.status(), await revoked.text()).toBe(200);

  await page.goto("/revocations");
  const row = page.getByTestId("revocations-table").getByRole("row").filter({ hasText: serverName });
  await expect(row).toContainText("decommissioned in e2e");
  await expect(row).toContainText(/reached 0 of \d+ gateway/);

  // the gateway fetches the bundle with the revocation and reports enforcing it
  await gateway.reportEnforcing(await gateway.fetchBundleRevision());
  // no reload: the page refreshes itself
  await expect(row).toContainText(/reached 1 of \d+ gateway/, { timeout: 10_000 });
});

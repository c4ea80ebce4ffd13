// The Gateways page's policy distribution table: a gateway that fetched the
// current bundle and reported shows its revision as current and is healthy; a
// gateway that never reported is flagged stale.
import { expect, test } from "../support/fixtures";
import { unique } from "../support/api";
import { adminUserId, enforcingGateway, registerGateway } from "../support/gateway";

test("the Gateways page shows each gateway's policy revision, lag and health", async ({ page, request }) => {
  const ownerId = await adminUserId(request);
  const reportingName = unique("edge-gw");
  const silentName = unique("quiet-gw");
  const reporting = await registerGateway(request, { name: reportingName, ownerId });
  await registerGateway(request, { name: silentName, ownerId });

  const gateway = await enforcingGateway(request, reporting.id);
  const revision = await gateway.fetchBundleRevision();
  await gateway.reportEnforcing(revision);

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

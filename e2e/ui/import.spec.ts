// Importing MCP Registry server.json documents: the preview shows what would
// happen, an invalid document blocks the whole import, and a clean upload
// creates the servers.
import { expect, test } from "../support/fixtures";
import { unique } from "../support/api";

test("previews, refuses a bad document, then imports a registry list response", async ({ page }) => {
  const ns = unique("io.example.e2e");
  const doc = (name: string, url: string) => ({ server: { name: `${ns}/${name}`, description: `${name} server`, version: "1.0.0", remotes: [{ type: "streamable-http", url }] }, _meta: {} });
  const good = [doc("weather", `https://${unique("weather")}.example.test/mcp`), doc("news", `https://${unique("news")}.example.test/mcp`)];
  const stdioOnly = { server: { name: `${ns}/local`, description: "local only", version: "1.0.0", packages: [{ registryType: "npm", identifier: "@acme/local", version: "1.0.0", transport: { type: "stdio" } }] } };

  await page.goto("/servers/import");
  const paste = page.getByLabel("Paste server.json or a registry list response");
  await paste.fill("{ not json");
  await page.getByRole("button", { name: "Preview import" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "line 1" })).toBeVisible();

  await paste.fill(JSON.stringify({ servers: [...good, stdioOnly] }));
  await page.getByRole("button", { name: "Preview import" }).click();
  const preview = page.getByTestId("import-preview-table");
  await expect(preview).toContainText(`${ns}/weather`);
  await expect(preview).toContainText("stdio-only servers need a gateway URL");
  await expect(page.getByRole("button", { name: /^Import \d+ servers?$/ })).toBeDisabled();

  await paste.fill(JSON.stringify({ servers: good }));
  await page.getByRole("button", { name: "Preview import" }).click();
  await expect(preview.getByText("Create", { exact: true })).toHaveCount(2);
  await page.getByRole("button", { name: "Import 2 servers" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Imported 2 servers" })).toBeVisible();
  await expect(page.getByTestId("import-result")).toBeVisible();

  await page.goto(`/servers?q=${encodeURIComponent(ns)}`);
  await page.getByLabel("Search").fill(ns);
  await expect(page.getByTestId("identities-table").getByRole("row")).toHaveCount(3);
});

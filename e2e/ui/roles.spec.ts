// Role enforcement in the browser and the API: an owner cannot open user
// management or call admin APIs with their session.
import { expect, test } from "../support/fixtures";
import { createUserViaApi, unique } from "../support/api";
import { signInFirstTime } from "../support/sign-in";

test.use({ storageState: { cookies: [], origins: [] } });

test("an owner cannot open user management, in the UI or through the API", async ({ page, request }) => {
  const email = `${unique("owner")}@example.test`;
  const { temporaryPassword } = await createUserViaApi(request, { email, name: "Olivia Owner", role: "owner" });
  await signInFirstTime(page, email, temporaryPassword, `Owner-${unique("pw")}`);
  await expect(page.getByTestId("current-role")).toHaveText("Owner");

  const nav = page.getByRole("navigation", { name: "Console" });
  await expect(nav.getByRole("link", { name: "MCP servers" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);

  await page.goto("/settings/users");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByTestId("users-table")).toHaveCount(0);

  // the same browser session calling the admin API directly
  const listUsers = await page.request.get("/api/v1/users");
  expect(listUsers.status()).toBe(403);
  const createUser = await page.request.post("/api/v1/users", {
    headers: { origin: new URL(page.url()).origin },
    data: { email: `${unique("x")}@example.test`, name: "Sneaky", role: "admin" },
  });
  expect(createUser.status()).toBe(403);
  expect((await page.request.get("/api/v1/audit/events")).status()).toBe(403);
});

test("a cross-site form post with the session cookie is refused (CSRF)", async ({ page, request }) => {
  const email = `${unique("csrf")}@example.test`;
  const { temporaryPassword } = await createUserViaApi(request, { email, name: "Carl Csrf", role: "owner" });
  await signInFirstTime(page, email, temporaryPassword, `Csrf-${unique("pw")}`);
  const response = await page.request.post("/api/v1/servers", {
    headers: { origin: "https://evil.example" },
    data: { name: "csrf", resourceUri: "https://csrf.example.test/mcp", ownerId: "usr_x" },
  });
  expect(response.status()).toBe(403);
  expect(((await response.json()) as { detail: string }).detail).toContain("CSRF");
});

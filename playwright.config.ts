// Playwright e2e: a production build on Debian's Chromium (never a downloaded
// browser). Projects: `setup` signs the first-run admin in and stores the
// session; `ui` drives the console; `api` calls the management API; `logs`
// runs last and scans the server log and every response the others received
// (recorded by e2e/support/fixtures.ts) for secrets.
import { defineConfig, devices } from "@playwright/test";
import { ADMIN_STORAGE, BASE_URL } from "./e2e/support/state";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "setup", testMatch: /first-run\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
    { name: "api", testMatch: /api\/.*\.spec\.ts/, dependencies: ["setup"] },
    { name: "ui", testMatch: /ui\/.*\.spec\.ts/, dependencies: ["setup"], use: { ...devices["Desktop Chrome"], storageState: ADMIN_STORAGE } },
    { name: "logs", testMatch: /logs\.check\.ts/, dependencies: ["api", "ui"] },
  ],
});

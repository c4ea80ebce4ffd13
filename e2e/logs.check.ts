// Runs after every other project: the server log of the whole e2e run must not
// contain a password, a password hash, an API token, or the session secret.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { adminPasswordFile, readState, STATE_DIR } from "./support/state";

test("no secret reached the server log", async () => {
  const state = readState();
  const log = fs.readFileSync(path.join(STATE_DIR, "warden.log"), "utf8");
  expect(log.length).toBeGreaterThan(0);
  const forbidden = [state.temporaryPassword, state.adminToken, fs.readFileSync(adminPasswordFile(), "utf8"), "e2e-session-secret-0123456789abcdef0123"];
  for (const secret of forbidden) expect(log.includes(secret), "a secret appears in warden.log").toBe(false);
  expect(log).not.toMatch(/scrypt\$\d+\$/);
  expect(log).not.toMatch(/wdn_[A-Za-z0-9_-]{40,}/);
});

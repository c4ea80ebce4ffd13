// Runs after every other project: neither the server log of the whole e2e run
// nor any response Warden sent during it (captured by e2e/support/fixtures.ts
// into e2e/.state/responses) contains key material, a password or password
// hash, the KEK, the session secret, an API token or signing secret outside
// the one response that shows it, or an access token outside the token
// endpoint response that issued it. What is scanned and what is allowed where:
// e2e/support/secret-scan.ts. The first test proves the scan can fail.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { readCaptures, type Capture } from "./support/response-capture";
import { kekLiterals, scanForSecrets, type Literal } from "./support/secret-scan";
import { OIDC_CLIENT } from "./support/oidc-provider";
import { adminPasswordFile, E2E_KEK, E2E_SESSION_SECRET, readState, RESPONSES_DIR, STATE_DIR } from "./support/state";

const BASE = "http://localhost:3217";

function capture(partial: Partial<Capture> & Pick<Capture, "method" | "url">): Capture {
  return { source: "request", project: "self-check", test: "planted", status: 200, headers: [{ name: "content-type", value: "application/json" }], body: "{}", ...partial };
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

test("the secret scan finds planted secrets and allows each shown-once secret only where it is shown", () => {
  const kek = Buffer.alloc(32, 7).toString("base64url");
  const apiToken = `wdn_${"A".repeat(43)}`;
  const cliToken = `wdn_${"C".repeat(43)}`;
  const webhookSecret = `whsec_${"W".repeat(43)}`;
  const temporaryPassword = "Tmp-pw-planted-0123456789";
  const accessToken = `${b64url({ alg: "ES256", kid: "k1", typ: "at+jwt" })}.${b64url({ sub: "agt_1", jti: "j1" })}.c2lnbmF0dXJl`;
  const otherAccessToken = `${b64url({ alg: "ES256", typ: "at+jwt" })}.${b64url({ sub: "agt_2" })}.b3RoZXJzaWc`;
  const policyBundle = `${b64url({ alg: "ES256", typ: "warden-policy+jwt" })}.${b64url({ revision: 1 })}.c2ln`;
  const session = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..planted-session-cookie-value.tag";
  const privateJwk = { kty: "EC", crv: "P-256", x: "x".repeat(43), y: "y".repeat(43), d: "d".repeat(43) };

  const captures: Capture[] = [
    // shown once, where they belong: no finding
    capture({ method: "POST", url: `${BASE}/api/v1/api-tokens`, status: 201, body: JSON.stringify({ token: { id: "tok_1" }, secret: apiToken }) }),
    capture({ source: "page", method: "POST", url: `${BASE}/api/v1/webhooks`, status: 201, body: JSON.stringify({ endpoint: { id: "whk_1" }, secret: webhookSecret }) }),
    capture({ method: "POST", url: `${BASE}/api/v1/users`, status: 201, body: JSON.stringify({ user: { id: "usr_1" }, temporaryPassword }) }),
    capture({ source: "fetch", method: "POST", url: `${BASE}/oauth/token`, body: JSON.stringify({ access_token: accessToken, token_type: "DPoP" }) }),
    capture({ method: "POST", url: `${BASE}/api/auth/callback/credentials`, headers: [{ name: "set-cookie", value: `warden.session=${session}; Path=/; HttpOnly; SameSite=Lax` }] }),
    // clean: public keys, a policy bundle, a token prefix
    capture({ method: "GET", url: `${BASE}/.well-known/jwks.json`, body: JSON.stringify({ keys: [{ kty: "EC", crv: "P-256", x: "x".repeat(43), y: "y".repeat(43), kid: "k1" }] }) }),
    capture({ source: "fetch", method: "GET", url: `${BASE}/policy/v1/bundle`, body: policyBundle }),
    capture({ method: "GET", url: `${BASE}/api/v1/api-tokens`, body: JSON.stringify({ items: [{ prefix: apiToken.slice(0, 12) }] }) }),
    // leaks, one per rule
    capture({ method: "GET", url: `${BASE}/api/v1/api-tokens/tok_1`, body: JSON.stringify({ secret: apiToken }) }),
    capture({ method: "GET", url: `${BASE}/api/v1/webhooks/whk_1`, body: JSON.stringify({ secret: webhookSecret }) }),
    capture({ method: "GET", url: `${BASE}/api/v1/users/usr_1`, body: JSON.stringify({ note: temporaryPassword }) }),
    capture({ method: "POST", url: `${BASE}/oauth/introspect`, body: JSON.stringify({ active: true, token: accessToken }) }),
    // the token endpoint answering a token exchange may show its new token, never the subject token
    capture({ source: "fetch", method: "POST", url: `${BASE}/oauth/token`, body: JSON.stringify({ access_token: `${accessToken}x`, subject_token: accessToken }) }),
    capture({ source: "page", method: "GET", url: `${BASE}/audit`, body: `<script>self.__next_f.push([1,"{\\"jwk\\":${JSON.stringify(JSON.stringify(privateJwk)).slice(1, -1)}}"])</script>` }),
    capture({ method: "GET", url: `${BASE}/api/v1/signing-keys`, body: "-----BEGIN PRIVATE KEY-----\nMIGHAgEA\n-----END PRIVATE KEY-----" }),
    capture({ method: "GET", url: `${BASE}/api/v1/users`, body: JSON.stringify({ items: [{ passwordHash: "scrypt$32768$8$1$c2FsdA$a2V5" }] }) }),
    capture({ method: "GET", url: `${BASE}/api/v1/users/x`, body: "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$a2V5 and $2b$12$" + "a".repeat(53) }),
    capture({ method: "GET", url: `${BASE}/api/v1/settings`, headers: [{ name: "x-debug", value: kek }], body: "{}" }),
    capture({ method: "GET", url: `${BASE}/api/v1/me`, body: JSON.stringify({ session }) }),
    capture({ method: "GET", url: `${BASE}/api/v1/signing-keys/k1`, body: JSON.stringify({ sealed: "v1.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB.CCCCCCCC" }) }),
    capture({ method: "GET", url: `${BASE}/api/v1/audit/events`, body: JSON.stringify({ details: { token: otherAccessToken, cli: cliToken } }) }),
    capture({ method: "GET", url: `${BASE}/api/v1/api-tokens/tok_2`, body: JSON.stringify({ hash: crypto.createHash("sha256").update(apiToken).digest("hex") }) }),
  ];
  const log = `{"level":40,"msg":"oops","secret":"${E2E_SESSION_SECRET}","assertion":"${temporaryPassword}"}\n`;
  const literals: Literal[] = [...kekLiterals(kek), { label: "session secret", value: E2E_SESSION_SECRET }];

  // written and read back the way the real run is
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-secret-scan-"));
  try {
    fs.writeFileSync(path.join(dir, "planted.jsonl"), captures.map((entry) => JSON.stringify(entry)).join("\n") + "\n");
    const { findings, harvested } = scanForSecrets({ log, captures: readCaptures(dir), literals });
    const found = findings.map((finding) => `${finding.rule} @ ${finding.where.replace(/ \(planted\).*$/, "").replace(/^\w+ /, "")}`);
    expect(new Set(found)).toEqual(
      new Set([
        "API token outside the response that showed it @ GET http://localhost:3217/api/v1/api-tokens/tok_1 → 200",
        "webhook secret outside the response that showed it @ GET http://localhost:3217/api/v1/webhooks/whk_1 → 200",
        "temporary password outside the response that showed it @ GET http://localhost:3217/api/v1/users/usr_1 → 200",
        "OAuth token outside the response that showed it @ POST http://localhost:3217/oauth/introspect → 200",
        "OAuth token outside the response that showed it @ POST http://localhost:3217/oauth/token → 200",
        "private JWK @ GET http://localhost:3217/audit → 200",
        "PEM private key @ GET http://localhost:3217/api/v1/signing-keys → 200",
        "password hash @ GET http://localhost:3217/api/v1/users → 200",
        "hash or sealed-secret column @ GET http://localhost:3217/api/v1/users → 200",
        "password hash @ GET http://localhost:3217/api/v1/users/x → 200",
        "KEK (base64url) @ GET http://localhost:3217/api/v1/settings → 200",
        "session cookie value outside Set-Cookie @ GET http://localhost:3217/api/v1/me → 200",
        "sealed secret @ GET http://localhost:3217/api/v1/signing-keys/k1 → 200",
        "access token @ GET http://localhost:3217/api/v1/audit/events → 200",
        "API token secret @ GET http://localhost:3217/api/v1/audit/events → 200",
        "API token hash (hex) @ GET http://localhost:3217/api/v1/api-tokens/tok_2 → 200",
        "session secret @ warden.log",
        "temporary password outside the response that showed it @ warden.log",
      ]),
    );
    expect(harvested).toMatchObject({ "API token": 1, "webhook secret": 1, "temporary password": 1, "OAuth token": 2, "session cookie": 1 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("no secret reached the server log or any response captured during the run", () => {
  const state = readState();
  const log = fs.readFileSync(path.join(STATE_DIR, "warden.log"), "utf8");
  expect(log.length).toBeGreaterThan(0);
  const captures = readCaptures(RESPONSES_DIR);

  // the capture saw the run: every source, and the responses the shown-once rules hinge on
  const sources = new Set(captures.map((entry) => entry.source));
  expect([...sources].sort()).toEqual(["fetch", "page", "request"]);
  const withBody = captures.filter((entry) => entry.body !== null).length;
  const unreadable = captures.filter((entry) => entry.bodyError);
  console.log(`secret scan: ${captures.length} responses (${withBody} with a body; ${unreadable.length} unreadable, e.g. downloads), ${log.length} bytes of log`);
  expect(withBody).toBeGreaterThan(500);
  // what stays unreadable: downloads and requests still in flight when their test ended
  expect(unreadable.length, unreadable.slice(0, 20).map((entry) => `${entry.method} ${entry.url}: ${entry.bodyError}`).join("\n")).toBeLessThan(captures.length * 0.05);

  const literals: Literal[] = [
    ...kekLiterals(E2E_KEK),
    { label: "session secret", value: E2E_SESSION_SECRET },
    { label: "OIDC client secret", value: OIDC_CLIENT.secret },
    { label: "first-run temporary password", value: state.temporaryPassword },
    { label: "admin password", value: fs.readFileSync(adminPasswordFile(), "utf8") },
    { label: "CLI-made admin API token", value: state.adminToken },
  ];
  const { findings, harvested } = scanForSecrets({ log, captures, literals });
  console.log(`secret scan harvested: ${JSON.stringify(harvested)}`);
  // the specs create an API token and a webhook in the console, users with temporary passwords, tokens at /oauth/token, and sign in
  expect(harvested["API token"]).toBeGreaterThanOrEqual(1);
  expect(harvested["webhook secret"]).toBeGreaterThanOrEqual(1);
  expect(harvested["temporary password"]).toBeGreaterThanOrEqual(5);
  expect(harvested["OAuth token"]).toBeGreaterThanOrEqual(3);
  expect(harvested["session cookie"]).toBeGreaterThanOrEqual(5);
  expect(findings.map((finding) => `${finding.rule} in ${finding.where}: …${finding.excerpt}…`)).toEqual([]);
});

// Fuzzes the token endpoint: 10,000 random and mutated requests per database
// — client assertions, DPoP proofs, subject tokens and form bodies — and
// asserts for every answer: not a 5xx (400/401 only), never a token, a JSON
// body with an RFC error code and a description, Cache-Control no-store, and
// exactly one refusal audit event (none for bodies over 64 KiB, which are
// refused before the handler). Afterwards the audit chain must still verify.
//
// Reproducible: a fixed seed (WARDEN_FUZZ_SEED overrides it) and one PRNG per
// iteration, derived from (seed, index), so a failing index replays alone
// (WARDEN_FUZZ_ONLY=index). Mutations start from valid requests whose client
// assertions (and DPoP proofs) were already used once for real: any request
// that survives every check ends at "already used", so a token in an answer is
// always a bug. Re-signed mutations keep the spent assertion jti unless they
// make it invalid. Requests run 16 at a time so the group commit forms batches.
// Both databases get the full 10,000: PostgreSQL finishes in well under a
// minute because refusals are committed in shared batches.
import crypto from "node:crypto";
import { CompactSign, decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify";
import { publicUrl, resetEnvCache } from "@/lib/config/env";
import { db, dbProvider } from "@/lib/db/client";
import type { AuditInput } from "@/lib/audit/append";
import { commitWrites } from "@/lib/oauth/commit-batch";
import { ACCESS_TOKEN_TYPE, CLIENT_ASSERTION_TYPE, TOKEN_EXCHANGE_GRANT } from "@/lib/oauth/config";
import { MAX_FORM_BYTES } from "@/lib/oauth/request";
import { handleTokenRequest } from "@/lib/oauth/token-endpoint";
import { webHandler } from "@/lib/oauth/web";
import { Rng } from "./helpers/fuzz-rng";
import { clientAssertion, oauthFixture, type OAuthFixture, type TestKey } from "./helpers/oauth";
import { agentParams, dpopHeader, exchangeParams, expectIssued, expectRefusal, issuedAgentToken, proofWith, sendToken, type Refusal } from "./helpers/oauth-negative";

const SEED = Number(process.env.WARDEN_FUZZ_SEED ?? 0x5eed0a17);
const ITERATIONS = 10_000;
const ONLY = process.env.WARDEN_FUZZ_ONLY === undefined ? null : Number(process.env.WARDEN_FUZZ_ONLY);
const CONCURRENCY = 16;
const RFC_ERRORS = ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope", "invalid_target", "invalid_dpop_proof", "use_dpop_nonce"];
const handler = webHandler(handleTokenRequest);

const iterationRng = (index: number) => new Rng((Math.imul(SEED ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0);

const ODD = ["\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\u00a0", "\u200b", "\u202e", "\ufeff", "\uffff", "\ud800", "\udfff", "😀", "𝕏", "é", "中", "\n", "\r\n", "\t", " ", "%", "%00", "%zz", "&", "=", "+", ";", ",", '"', "'", "\\", "<", ">", "#", "?", "/", "."];
const B64 = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"];
const PARAMS = ["grant_type", "client_assertion_type", "client_assertion", "client_id", "client_secret", "resource", "audience", "scope", "subject_token", "subject_token_type", "requested_token_type", "actor_token", "actor_token_type", "code", "redirect_uri", "username", "password", "refresh_token", "nonce", "dpop"];
const GRANTS = ["client_credentials", TOKEN_EXCHANGE_GRANT, "password", "authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:jwt-bearer", "implicit", "", "CLIENT_CREDENTIALS", "client_credentials ", "client_credentials\u0000"];
const CONTENT_TYPES = ["application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=utf-8", "APPLICATION/X-WWW-FORM-URLENCODED", "application/x-www-form-urlencodedx", "", "application/xml"];

type Ctx = { f: OAuthFixture; words: string[]; now: number };
function randomString(rng: Rng, ctx: Ctx, max = 40): string {
  const length = rng.int(max + 1);
  switch (rng.int(6)) {
    case 0:
      return Array.from({ length }, () => rng.pick(B64)).join("");
    case 1:
      return Array.from({ length }, () => String.fromCharCode(0x20 + rng.int(95))).join("");
    case 2:
      return Array.from({ length: Math.min(length, 12) }, () => (rng.chance(0.5) ? rng.pick(ODD) : rng.pick(B64))).join("");
    case 3:
      return rng.pick(ctx.words);
    case 4:
      return rng.pick(ctx.words) + rng.pick(ODD) + rng.pick(ctx.words);
    default:
      return rng.bytes(length).toString("latin1");
  }
}
function randomNumber(rng: Rng, ctx: Ctx): number {
  return rng.pick([0, -1, 1, 2 ** 53, -(2 ** 53), 1e308, -1e308, 0.5, ctx.now, ctx.now + rng.int(600) - 300, ctx.now - rng.int(60) + rng.next(), ctx.now + 30 + rng.next() * 200, ctx.now * 1000]);
}
function randomJson(rng: Rng, ctx: Ctx, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 4 : 6)) {
    case 0:
      return randomString(rng, ctx);
    case 1:
      return randomNumber(rng, ctx);
    case 2:
      return rng.pick([null, true, false]);
    case 3:
      return rng.pick(["", [], {}]);
    case 4:
      return Array.from({ length: rng.int(4) }, () => randomJson(rng, ctx, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: rng.int(5) }, () => [rng.chance(0.5) ? rng.pick(["iss", "sub", "aud", "exp", "iat", "nbf", "jti", "htm", "htu", "nonce", "alg", "kid", "typ", "jwk", "crit"]) : randomString(rng, ctx, 10), randomJson(rng, ctx, depth + 1)]));
  }
}

const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const decodePart = (part: string): unknown => {
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    return part;
  }
};
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Who may re-sign a JWT: the key, and for client assertions the spent jti to keep. */
type Signer = { key: TestKey; spentJti?: string };

/**
 * A re-signed client assertion keeps its spent jti unless the mutation made the
 * jti invalid (not a string, empty, over 256 characters, or holding NUL, which
 * no database can store) — so a re-signed assertion can never be fresh.
 */
function keepSpentJti(payload: Record<string, unknown>, signer: Signer): void {
  if (signer.spentJti && typeof payload.jti === "string" && payload.jti.length >= 1 && payload.jti.length <= 256 && !payload.jti.includes("\u0000")) payload.jti = signer.spentJti;
}

async function mutateJwt(rng: Rng, ctx: Ctx, jwt: string, signer: Signer | null, labels: string[]): Promise<string> {
  const parts = jwt.split(".");
  const op = rng.int(signer ? 13 : 10);
  labels.push(`jwt:${op}`);
  if (op >= 10 && signer) return resignNearValid(rng, ctx, parts, signer, labels);
  if (op === 0) {
    const at = rng.int(jwt.length);
    return jwt.slice(0, at) + (rng.chance(0.8) ? rng.pick(B64) : rng.pick(ODD)) + jwt.slice(at + 1);
  }
  if (op === 1) return jwt.slice(0, rng.int(jwt.length));
  if (op === 2) return [...parts.slice(0, 1), ...parts].slice(0, 2 + rng.int(parts.length + 1)).join(".");
  if (op === 3) return parts.filter((_, index) => index !== rng.int(parts.length)).join(".");
  if (op === 4) return [parts[1], parts[0], parts[2]].join(".");
  if (op === 5) return parts.map((part) => (rng.chance(0.4) ? b64(rng.bytes(rng.int(80)).toString("latin1")) : part)).join(".");
  if (op === 6) return rng.pick([`${jwt}=`, ` ${jwt}`, `${jwt}\n`, `${jwt}.`, "", jwt.replace(/\./g, rng.pick([",", "..", ". "]))]);
  // ops 7-9: edit the header or payload (or replace them with random JSON), re-encode
  let header = decodePart(parts[0] ?? "");
  let payload = decodePart(parts[1] ?? "");
  const which = rng.chance(0.5) ? "header" : "payload";
  if (op === 7) {
    if (which === "header") header = randomJson(rng, ctx);
    else payload = randomJson(rng, ctx);
  } else {
    const target = which === "header" ? header : payload;
    if (isObject(target)) {
      const names = which === "header" ? ["alg", "typ", "kid", "jwk", "crit", "b64", "x5u", "jku", Object.keys(target)[0] ?? "alg"] : ["iss", "sub", "aud", "exp", "iat", "nbf", "jti", "htm", "htu", "nonce", "ath", "cnf", "act", "scope"];
      for (let edits = 1 + rng.int(3); edits > 0; edits -= 1) {
        const name = rng.chance(0.85) ? rng.pick(names) : randomString(rng, ctx, 8);
        if (rng.chance(0.15)) delete target[name];
        else if (name === "alg") target[name] = rng.pick(["none", "None", "HS256", "RS256", "ES384", "ES256K", "EdDSA", "PS256", "ES256", "", 7, null]);
        else if (name === "jwk") target[name] = rng.chance(0.5) ? { kty: rng.pick(["EC", "RSA", "OKP", "oct", "x"]), crv: rng.pick(["P-256", "Ed25519", "X25519", "P-521"]), x: randomString(rng, ctx), y: randomString(rng, ctx), ...(rng.chance(0.3) ? { d: "AAAA" } : {}), ...(rng.chance(0.2) ? { k: "AAAA" } : {}) } : randomJson(rng, ctx);
        else if (["exp", "iat", "nbf"].includes(name) && rng.chance(0.7)) target[name] = randomNumber(rng, ctx);
        else target[name] = randomJson(rng, ctx);
      }
    }
  }
  const signature = rng.pick(["original", "random", "empty", "resign", "resign"] as const);
  labels.push(`${which}:${signature}`);
  if (signature === "resign" && signer && isObject(header) && header.alg === signer.key.alg) {
    if (isObject(payload)) keepSpentJti(payload, signer);
    try {
      return await new CompactSign(Buffer.from(JSON.stringify(payload))).setProtectedHeader(header as { alg: string }).sign(signer.key.privateKey);
    } catch {
      labels.push("resign-failed");
    }
  }
  const tail = signature === "original" || signature === "resign" ? (parts[2] ?? "") : signature === "random" ? rng.bytes(rng.pick([0, 1, 32, 64, 65, 256])).toString("base64url") : "";
  return `${b64(header)}.${b64(payload)}.${tail}`;
}

/** Small edits that keep a signed JWT almost valid (claims near now, odd jti, kid, typ, htu, nonce), re-signed with the real key. */
async function resignNearValid(rng: Rng, ctx: Ctx, parts: string[], signer: Signer, labels: string[]): Promise<string> {
  const [decodedHeader, decodedPayload] = [decodePart(parts[0] ?? ""), decodePart(parts[1] ?? "")];
  const header = isObject(decodedHeader) ? decodedHeader : {};
  const payload = isObject(decodedPayload) ? decodedPayload : {};
  for (let edits = 1 + rng.int(2); edits > 0; edits -= 1) {
    const edit = rng.int(8);
    labels.push(`near:${edit}`);
    const odd = () => rng.pick(ctx.words) + rng.pick(ODD) + randomString(rng, ctx, 6);
    if (edit <= 2) payload[rng.pick(["exp", "iat", "nbf"])] = ctx.now + rng.int(800) - 400 + (rng.chance(0.5) ? rng.next() : 0);
    else if (edit === 3) payload.jti = rng.chance(0.5) ? odd() : rng.pick(["", "x".repeat(257), 5]);
    else if (edit === 4) header.kid = rng.chance(0.5) ? odd() : rng.pick([0, null, "", {}]);
    else if (edit === 5) header[rng.pick(["typ", "cty", "x5u", "zip"])] = odd();
    else if (edit === 6) payload[rng.pick(["htu", "htm", "nonce", "aud"])] = rng.chance(0.5) ? `${publicUrl()}/oauth/token${rng.pick(["", "?a=1", "#f", "/", "/..", "%00"])}` : odd();
    else payload[rng.pick(["iss", "sub"])] = odd();
  }
  keepSpentJti(payload, signer);
  try {
    return await new CompactSign(Buffer.from(JSON.stringify(payload))).setProtectedHeader({ ...header, alg: signer.key.alg }).sign(signer.key.privateKey);
  } catch {
    // jose refuses to sign some headers an earlier mutation made (crit, b64): keep the old signature
    labels.push("resign-failed");
    return `${b64(header)}.${b64(payload)}.${parts[2] ?? ""}`;
  }
}

type Case = { labels: string[]; method: string; headers: Record<string, string>; params: [string, string][]; body?: string };
type Base = { params: [string, string][]; dpop: string; assertionSigner: Signer; dpopSigner: Signer };

/** Header values must be ByteStrings without controls (what an HTTP client could send at all). */
const headerSafe = (value: string) => value.replace(/[^\x20-\x7e]/g, "~");

async function mutate(rng: Rng, ctx: Ctx, c: Case, base: Base): Promise<void> {
  const op = rng.int(14);
  const param = () => c.params[rng.int(c.params.length)];
  c.labels.push(`op:${op}`);
  if (op <= 2) {
    const entry = c.params.find(([name]) => name === "client_assertion");
    if (entry) entry[1] = await mutateJwt(rng, ctx, entry[1], base.assertionSigner, c.labels);
  } else if (op <= 4) {
    c.headers.dpop = headerSafe(await mutateJwt(rng, ctx, c.headers.dpop ?? base.dpop, base.dpopSigner, c.labels));
  } else if (op === 5) {
    const entry = c.params.find(([name]) => name === "subject_token") ?? param();
    if (entry) entry[1] = await mutateJwt(rng, ctx, entry[1], null, c.labels);
  } else if (op === 6) {
    c.params.splice(rng.int(c.params.length), 1);
  } else if (op === 7) {
    const entry = param();
    if (entry) c.params.push([entry[0], rng.chance(0.5) ? entry[1] : randomString(rng, ctx)]);
  } else if (op === 8) {
    c.params.push([rng.chance(0.7) ? rng.pick(PARAMS) : randomString(rng, ctx, 12), randomString(rng, ctx)]);
  } else if (op === 9) {
    const entry = param();
    if (entry) entry[rng.chance(0.2) ? 0 : 1] = rng.chance(0.3) ? rng.pick(GRANTS) : randomString(rng, ctx, 200);
  } else if (op === 10) {
    const size = MAX_FORM_BYTES + rng.int(400) - 300;
    const entry = param() ?? (["scope", ""] as [string, string]);
    entry[1] = "";
    const rest = new URLSearchParams(c.params).toString().length;
    entry[1] = (rng.chance(0.5) ? "a" : rng.pick(["é", "%", "😀", "\u0000"])).repeat(Math.max(0, size - rest));
    c.labels.push(`huge:${size}`);
  } else if (op === 11) {
    if (rng.chance(0.5)) c.headers["content-type"] = rng.pick(CONTENT_TYPES);
    else c.method = rng.pick(["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "post"]);
  } else if (op === 12) {
    const choice = rng.int(5);
    if (choice === 0) delete c.headers.dpop;
    else if (choice === 1) c.headers.dpop = `${base.dpop}, ${base.dpop}`;
    else if (choice === 2) c.headers.dpop = headerSafe(randomString(rng, ctx, 300));
    else if (choice === 3) c.headers.authorization = rng.pick(["Basic Zm9vOmJhcg==", "Bearer x", "DPoP x", headerSafe(randomString(rng, ctx))]);
    else c.headers.dpop = `${base.dpop} `;
  } else {
    const body = new URLSearchParams(c.params).toString();
    const at = rng.int(body.length + 1);
    c.body = rng.chance(0.5) ? body.slice(0, at) : body.slice(0, at) + rng.pick(["&", "=", "%", "%00", "%ff", "%ED%A0%80", "+", "&&==", "\u0000", "&resource=x"]) + body.slice(at);
  }
}

/** Percent-encodes the UTF-8 bytes (lone surrogates become U+FFFD; encodeURIComponent would throw). */
const percent = (value: string) => [...Buffer.from(value, "utf8")].map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, "0")}`)).join("");

function pureRandom(rng: Rng, ctx: Ctx): Case {
  const mode = rng.int(5);
  const labels = [`random:${mode}`];
  const headers: Record<string, string> = { "content-type": rng.chance(0.7) ? "application/x-www-form-urlencoded" : rng.pick(CONTENT_TYPES) };
  if (rng.chance(0.3)) headers.dpop = headerSafe(randomString(rng, ctx, 200));
  const method = rng.chance(0.9) ? "POST" : rng.pick(["GET", "PUT"]);
  let body: string;
  if (mode === 0) body = rng.bytes(rng.int(400)).toString("latin1");
  else if (mode === 1) body = Array.from({ length: rng.int(8) }, () => `${rng.chance(0.6) ? rng.pick(PARAMS) : randomString(rng, ctx, 10)}=${percent(randomString(rng, ctx)).replace(/%2/g, rng.pick(["%2", "%", "%0"]))}`).join("&");
  else if (mode === 2) body = JSON.stringify(randomJson(rng, ctx));
  else if (mode === 3) body = "";
  else body = randomString(rng, ctx, 20).repeat(1 + rng.int(4000)).slice(0, MAX_FORM_BYTES + rng.int(200) - 100);
  return { labels, method, headers, params: [], body };
}

describe("token endpoint fuzzing", () => {
  let f: OAuthFixture;
  beforeAll(async () => {
    // one client sends 10,000 requests in seconds: past any sensible rate limit (tests/integration/rate-limits.test.ts
    // tests those), so the limit here is too high to reach — the limiter still counts every request
    process.env.WARDEN_RATE_LIMIT_TOKEN_PER_CLIENT = "1000000000/1m";
    resetEnvCache();
    f = await oauthFixture();
  });
  afterAll(() => {
    delete process.env.WARDEN_RATE_LIMIT_TOKEN_PER_CLIENT;
    resetEnvCache();
  });

  /** Requests made valid and then spent once for real: the starting points of mutation. */
  async function spentBases(): Promise<Base[]> {
    const bases: Base[] = [];
    const subject = await issuedAgentToken(f, f.scope("read_ledger"));
    for (let index = 0; index < 4; index += 1) {
      const now = Math.floor(Date.now() / 1000);
      const agentAssertion = await clientAssertion(f.agent.clientId, f.agentKey, { claims: { exp: now + 150 } });
      const agentProof = await proofWith(f.dpopKey);
      const agent = await agentParams(f, { client_assertion: agentAssertion, scope: index % 2 ? f.scope("read_ledger") : undefined });
      expectIssued(await sendToken(agent, { dpop: agentProof }));
      bases.push({ params: Object.entries(agent).filter((e): e is [string, string] => typeof e[1] === "string"), dpop: agentProof, assertionSigner: { key: f.agentKey, spentJti: String(decodeJwt(agentAssertion).jti) }, dpopSigner: { key: f.dpopKey } });
      const serverAssertion = await clientAssertion(f.server.id, f.serverKey, { claims: { exp: now + 150 } });
      const serverProof = (await dpopHeader(f.serverKey)).dpop;
      const exchange = await exchangeParams(f.server, f.serverKey, subject, f.resource.resourceUri!, { client_assertion: serverAssertion, scope: index % 2 ? "ledger:read" : undefined });
      expectIssued(await sendToken(exchange, { dpop: serverProof }));
      bases.push({ params: Object.entries(exchange).filter((e): e is [string, string] => typeof e[1] === "string"), dpop: serverProof, assertionSigner: { key: f.serverKey, spentJti: String(decodeJwt(serverAssertion).jti) }, dpopSigner: { key: f.serverKey } });
    }
    return bases;
  }

  it(
    `never answers 5xx or a token to ${ITERATIONS} random and mutated requests`,
    async () => {
      const provider = dbProvider();
      const runId = `fz-${provider}-${SEED}-${crypto.randomBytes(3).toString("hex")}`;
      let bases = await spentBases();
      let basesAt = Date.now();
      const words = ["", " ", "null", "0", "-1", "none", "ES256", "HS256", "client_credentials", TOKEN_EXCHANGE_GRANT, CLIENT_ASSERTION_TYPE, ACCESS_TOKEN_TYPE, publicUrl(), `${publicUrl()}/oauth/token`, f.server.resourceUri!, f.resource.resourceUri!, `${f.server.resourceUri!}#x`, f.scope("read_ledger"), f.scope("wire_money"), "ledger:read", "mcp:", "cli_", "srv_", f.server.id, "a".repeat(300), "https://x.test/", "javascript:alert(1)"];
      const failures: string[] = [];
      let tooLarge = 0;
      const audited = new Map<string, string>();
      let sent = 0;
      const started = Date.now();
      const indexes = ONLY === null ? Array.from({ length: ITERATIONS }, (_, index) => index) : [ONLY];
      for (let chunk = 0; chunk < indexes.length; chunk += CONCURRENCY) {
        if (Date.now() - basesAt > 25_000) [bases, basesAt] = [await spentBases(), Date.now()];
        await Promise.all(
          indexes.slice(chunk, chunk + CONCURRENCY).map(async (index) => {
            const rng = iterationRng(index);
            const ctx: Ctx = { f, words, now: Math.floor(Date.now() / 1000) };
            let c: Case;
            if (rng.chance(0.12)) c = pureRandom(rng, ctx);
            else {
              const base = rng.pick(bases);
              c = { labels: [], method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", dpop: base.dpop }, params: base.params.map(([name, value]) => [name, value] as [string, string]) };
              for (let count = 1 + rng.int(3); count > 0; count -= 1) await mutate(rng, ctx, c, base);
            }
            const body = c.method === "GET" ? undefined : (c.body ?? new URLSearchParams(c.params).toString());
            const response = await handler(new Request(`${publicUrl()}/oauth/token`, { method: c.method, headers: { ...c.headers, "x-request-id": `${runId}-${index}` }, body }));
            sent += 1;
            const text = await response.text();
            const problems: string[] = [];
            let parsed: Record<string, unknown> = {};
            try {
              parsed = JSON.parse(text) as Record<string, unknown>;
            } catch {
              problems.push("body is not JSON");
            }
            if (![400, 401].includes(response.status)) problems.push(`status ${response.status}`);
            if ("access_token" in parsed || /"access_token"\s*:/.test(text)) problems.push("a token in the answer");
            if (!RFC_ERRORS.includes(String(parsed.error))) problems.push(`error ${String(parsed.error)}`);
            if ((parsed.error === "invalid_client") !== (response.status === 401)) problems.push(`${String(parsed.error)} with status ${response.status}`);
            if (typeof parsed.error_description !== "string" || parsed.error_description.length === 0) problems.push("no error_description");
            if (response.headers.get("cache-control") !== "no-store") problems.push("no Cache-Control: no-store");
            if (parsed.error_description === "The request body is too large") tooLarge += 1;
            else audited.set(`${runId}-${index}`, `#${index} [${c.labels.join(" ")}] ${text.slice(0, 200)}`);
            if (problems.length) failures.push(`#${index} [${c.labels.join(" ")}] ${problems.join("; ")}: ${text.slice(0, 300)}`);
          }),
        );
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.info(`oauth fuzz on ${provider}: ${sent} requests in ${seconds} s (seed ${SEED}, ${tooLarge} over the body limit, ${failures.length} failures)`);
      if (failures.length) console.info(failures.slice(0, 200).join("\n"));
      expect(failures.slice(0, 25), `${failures.length} failures; reproduce with WARDEN_FUZZ_SEED=${SEED} WARDEN_FUZZ_ONLY=<index>`).toEqual([]);
      expect(sent).toBe(indexes.length);

      // every request that reached the handler left exactly one refusal event, and nothing was issued
      const events = await db().auditEvent.findMany({ where: { requestId: { startsWith: `${runId}-` } }, select: { requestId: true, action: true } });
      expect(events.filter((event) => !["token.refused", "token.exchange_refused"].includes(event.action))).toEqual([]);
      const seen = new Map<string, number>();
      for (const event of events) seen.set(event.requestId!, (seen.get(event.requestId!) ?? 0) + 1);
      const unaudited = [...audited].filter(([requestId]) => seen.get(requestId) !== 1).map(([requestId, label]) => `${seen.get(requestId) ?? 0} events: ${label}`);
      expect(unaudited.slice(0, 25), `${unaudited.length} requests without exactly one refusal event`).toEqual([]);
      expect(events.length).toBe(sent - tooLarge);
      const chain = await verifyAuditChain(db());
      expect(chain.firstBreak).toBeNull();
      expect(chain.ok).toBe(true);
    },
    240_000,
  );
});

// What the fuzzer found, pinned: each was a 500 (on PostgreSQL, or on both),
// a token on SQLite, or a refusal audit event lost with its whole batch.
describe("token endpoint fuzz findings", () => {
  let f: OAuthFixture;
  beforeAll(async () => {
    f = await oauthFixture();
  });
  const now = () => Math.floor(Date.now() / 1000);
  const withAssertion = async (overrides: Parameters<typeof clientAssertion>[2]) => sendToken(await agentParams(f, { client_assertion: await clientAssertion(f.agent.clientId, f.agentKey, overrides) }), await dpopHeader(f.dpopKey));
  const cases: [string, () => ReturnType<typeof sendToken>, Refusal][] = [
    ["NUL in a form value (was a 500 on PostgreSQL)", async () => sendToken(await agentParams(f, { resource: `${f.server.resourceUri!}\u0000` }), await dpopHeader(f.dpopKey)), { status: 400, error: "invalid_request", description: "must not contain NUL" }],
    ["NUL in the assertion's iss (was a 500 on PostgreSQL)", () => withAssertion({ claims: { iss: "cli_\u0000", sub: "cli_\u0000" } }), { status: 401, error: "invalid_client", description: "Unknown client" }],
    ["NUL in the assertion's jti (a 500 on PostgreSQL, a token on SQLite)", () => withAssertion({ claims: { jti: "jti-\u0000" } }), { status: 401, error: "invalid_client", description: "needs a jti" }],
    ["NUL in the DPoP proof's jti", async () => sendToken(await agentParams(f), await dpopHeader(f.dpopKey, { claims: { jti: "jti-\u0000" } })), { status: 400, error: "invalid_dpop_proof", description: "The DPoP proof needs a jti" }],
    ["a kid with NUL (its refusal event was lost on PostgreSQL)", () => withAssertion({ header: { kid: "kid-\u0000" } }), { status: 401, error: "invalid_client", description: "no active key with kid kid-\u0000" }],
    ["a kid with an unpaired surrogate (its refusal event was lost on PostgreSQL)", () => withAssertion({ header: { kid: "kid-\udfff" } }), { status: 401, error: "invalid_client", description: "no active key with kid kid-\udfff" }],
  ];
  it.each(cases)("refuses %s", async (_name, send, expected) => {
    await expectRefusal(await send(), expected);
  });

  it("accepts fractional NumericDates (RFC 7519 §2) in assertions and proofs (was a 500)", async () => {
    // not multiples of 1/1000 s: the single-use expiry in ms must still be an integer
    const assertion = await clientAssertion(f.agent.clientId, f.agentKey, { claims: { iat: now() - 0.2501, exp: now() + 60.0001 } });
    expectIssued(await sendToken(await agentParams(f, { client_assertion: assertion }), await dpopHeader(f.dpopKey, { claims: { iat: now() - 0.3751 } })));
  });

  it("fails only the bad job of a write batch, not its batch-mates", async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const requestId = `batch-${crypto.randomUUID()}`;
    const event = (details: Record<string, unknown>): AuditInput => ({ action: "token.refused", actor: { type: "anonymous", id: null, label: null }, outcome: "denied", details, context: { requestId, ip: null, userAgent: null } });
    const key = () => ({ key: `test:${crypto.randomUUID()}`, expiresAtMs: Date.now() + 60_000 });
    // queued in one turn of the event loop, so they share a batch
    const results = await Promise.allSettled([commitWrites({ singleUse: [key()], events: [event({ n: 1 })] }), commitWrites({ singleUse: [key()], events: [event(circular)] }), commitWrites({ singleUse: [key()], events: [event({ n: 3 })] })]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await db().auditEvent.count({ where: { requestId } })).toBe(2);
  });
});

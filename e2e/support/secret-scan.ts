// The secret scan over the server log and every response captured during the
// e2e run (e2e/support/response-capture.ts). What counts as a leak, anywhere:
//
//  - the literal secrets the run knows (the KEK in every encoding, the session
//    secret, the OIDC client secret, known passwords, the CLI-made API token)
//    and the SHA-256 (hex, base64url) of every API token secret it saw;
//  - private key material: PEM private keys, and JSON objects that look like
//    JWKs ("kty") carrying a private member ("d", "p", "q", "dp", "dq", "qi"),
//    also inside escaped JSON (RSC payloads, log lines);
//  - password hashes (scrypt$N$r$p$…, $argon2…$, bcrypt $2b$…);
//  - sealed secrets (v1.<iv>.<tag>.<ciphertext>, lib/signing-keys/kek.ts) and
//    the names of the columns that hold hashes and sealed secrets;
//  - session cookie values (harvested from every Set-Cookie of the session
//    cookie) anywhere but a Set-Cookie header.
//
// Secrets that are shown exactly once are harvested from the response that
// shows them and allowed in that response only (matched by method, path and
// status — see SHOWN_ONCE):
//  - POST /api/v1/api-tokens → `secret` (wdn_…); POST /api/v1/webhooks and
//    POST /api/v1/audit/sinks → `secret` (whsec_…); POST /api/v1/users and
//    POST /api/v1/users/{id}/reset-password → `temporaryPassword`;
//  - POST /oauth/token → `access_token` (and `refresh_token`, `id_token`,
//    `issued_token` should Warden ever send them): each value only in the
//    very response that issued it, so a token endpoint answer that echoed the
//    subject token of a token exchange would still be caught.
// Values shaped like these secrets but harvested from no response (API tokens
// minted with the CLI, an access token whose issuing response was not
// captured) are caught by shape: wdn_…, whsec_…, and compact JWTs whose
// header says typ "at+jwt" are leaks outside the responses that issued them.
// Deliberately not excluded: introspection answers with claims (RFC 7662: the
// token is never part of the answer) and revocation with an empty body, so
// neither may contain a token; audit events name a token's jti, never the
// token. Tokens reaching the specs' own MCP servers are not Warden responses
// and are not captured. The server log gets no exclusions at all.
import crypto from "node:crypto";
import type { Capture } from "./response-capture";

export type Literal = { label: string; value: string };

export type Finding = { rule: string; where: string; excerpt: string };

export type ScanSummary = {
  findings: Finding[];
  /** how many secrets of each kind were harvested from the responses that show them */
  harvested: Record<ShownOnceKind | "session cookie", number>;
};

type ShownOnceKind = "API token" | "webhook secret" | "audit sink secret" | "temporary password" | "OAuth token";

const SHOWN_ONCE: { kind: ShownOnceKind; method: string; path: RegExp; status: number; fields: string[] }[] = [
  { kind: "API token", method: "POST", path: /^\/api\/v1\/api-tokens$/, status: 201, fields: ["secret"] },
  { kind: "webhook secret", method: "POST", path: /^\/api\/v1\/webhooks$/, status: 201, fields: ["secret"] },
  { kind: "audit sink secret", method: "POST", path: /^\/api\/v1\/audit\/sinks$/, status: 201, fields: ["secret"] },
  { kind: "temporary password", method: "POST", path: /^\/api\/v1\/users$/, status: 201, fields: ["temporaryPassword"] },
  { kind: "temporary password", method: "POST", path: /^\/api\/v1\/users\/[^/]+\/reset-password$/, status: 200, fields: ["temporaryPassword"] },
  { kind: "OAuth token", method: "POST", path: /^\/oauth\/token$/, status: 200, fields: ["access_token", "refresh_token", "id_token", "issued_token"] },
];

const SESSION_COOKIE = /^(?:__Host-)?warden\.session(?:\.\d+)?=([^;]+)/;

type Pattern = { rule: string; regex: RegExp; allowedIfHarvested?: boolean };

const PATTERNS: Pattern[] = [
  { rule: "PEM private key", regex: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/g },
  { rule: "password hash", regex: /scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+|\$argon2(?:id|i|d)\$[^\s"']+|\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}/g },
  { rule: "sealed secret", regex: /\bv1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{4,}/g },
  { rule: "hash or sealed-secret column", regex: /"(?:passwordHash|tokenHash|encryptedPrivateKey|secretSealed|secretEnc)"\s*:/g },
  // allowed in the response that showed the very value (harvested above)
  { rule: "API token secret", regex: /wdn_[A-Za-z0-9_-]{40,}/g, allowedIfHarvested: true },
  { rule: "signing secret", regex: /whsec_[A-Za-z0-9_-]{40,}/g, allowedIfHarvested: true },
  { rule: "access token", regex: /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+/g, allowedIfHarvested: true },
];

const PRIVATE_JWK_MEMBER = /"(?:d|p|q|dp|dq|qi)"\s*:\s*"[A-Za-z0-9_-]+"/;

function isAccessTokenJwt(candidate: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(candidate.split(".")[0]!, "base64url").toString("utf8")) as { typ?: unknown };
    return typeof header.typ === "string" && /^(application\/)?at\+jwt$/i.test(header.typ);
  } catch {
    return false;
  }
}

function excerpt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 40);
  return text.slice(start, Math.min(text.length, index + Math.min(length, 60) + 40)).replace(/\s+/g, " ");
}

/** The encodings a KEK (32 bytes, base64url) could leak in. */
export function kekLiterals(kek: string): Literal[] {
  const bytes = Buffer.from(kek, "base64url");
  const literals: Literal[] = [
    { label: "KEK (base64url)", value: kek },
    { label: "KEK (base64)", value: bytes.toString("base64") },
    { label: "KEK (hex)", value: bytes.toString("hex") },
  ];
  const raw = bytes.toString("latin1");
  if (/^[\x20-\x7e]+$/.test(raw)) literals.push({ label: "KEK (raw bytes)", value: raw });
  return literals;
}

/** What a leaked API token secret would look like once hashed the way Warden stores it. */
function tokenHashLiterals(secret: string): Literal[] {
  const digest = crypto.createHash("sha256").update(secret).digest();
  return [
    { label: "API token hash (hex)", value: digest.toString("hex") },
    { label: "API token hash (base64url)", value: digest.toString("base64url") },
  ];
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function shownOnce(capture: Capture): { kind: ShownOnceKind; values: string[] } | null {
  const rule = SHOWN_ONCE.find((candidate) => candidate.method === capture.method && candidate.status === capture.status && candidate.path.test(pathOf(capture.url)));
  if (!rule || capture.body === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(capture.body);
  } catch {
    return null;
  }
  if (!json || typeof json !== "object") return null;
  const values = rule.fields.map((field) => (json as Record<string, unknown>)[field]).filter((value): value is string => typeof value === "string" && value.length >= 8);
  return { kind: rule.kind, values };
}

type Segment = { where: string; text: string; setCookie: boolean };

function segmentsOf(capture: Capture): Segment[] {
  const where = `${capture.source} ${capture.method} ${capture.url} → ${capture.status}${capture.test ? ` (${capture.test})` : ""}`;
  const segments: Segment[] = capture.headers.map((header) => ({ where: `${where}, header ${header.name}`, text: `${header.name}: ${header.value}`, setCookie: header.name.toLowerCase() === "set-cookie" }));
  if (capture.body !== null) segments.push({ where: `${where}, body`, text: capture.body, setCookie: false });
  return segments;
}

/** Scans the log and the captures; `literals` are forbidden everywhere. */
export function scanForSecrets(input: { log: string; captures: Capture[]; literals: Literal[] }): ScanSummary {
  const harvested: ScanSummary["harvested"] = { "API token": 0, "webhook secret": 0, "audit sink secret": 0, "temporary password": 0, "OAuth token": 0, "session cookie": 0 };
  // value → the captures (indices) allowed to contain it, and what it is
  const once = new Map<string, { kind: ShownOnceKind; origins: Set<number> }>();
  const sessionCookies = new Set<string>();
  input.captures.forEach((capture, index) => {
    const shown = shownOnce(capture);
    for (const value of shown?.values ?? []) {
      const entry = once.get(value) ?? { kind: shown!.kind, origins: new Set<number>() };
      if (entry.origins.size === 0) harvested[shown!.kind] += 1;
      entry.origins.add(index);
      once.set(value, entry);
    }
    for (const header of capture.headers) {
      const value = header.name.toLowerCase() === "set-cookie" ? SESSION_COOKIE.exec(header.value)?.[1] : undefined;
      if (value && value.length >= 16 && !sessionCookies.has(value)) {
        sessionCookies.add(value);
        harvested["session cookie"] += 1;
      }
    }
  });

  const literals = [...input.literals.filter((literal) => literal.value.length >= 8)];
  for (const [value, entry] of once) if (entry.kind === "API token") literals.push(...tokenHashLiterals(value));
  for (const literal of input.literals) if (literal.value.startsWith("wdn_")) literals.push(...tokenHashLiterals(literal.value));

  const findings: Finding[] = [];
  const check = (segment: Segment, captureIndex: number | null) => {
    const { text, where } = segment;
    for (const literal of literals) {
      const at = text.indexOf(literal.value);
      if (at !== -1) findings.push({ rule: literal.label, where, excerpt: excerpt(text, at, literal.value.length) });
    }
    for (const [value, entry] of once) {
      if (captureIndex !== null && entry.origins.has(captureIndex)) continue;
      const at = text.indexOf(value);
      if (at !== -1) findings.push({ rule: `${entry.kind} outside the response that showed it`, where, excerpt: excerpt(text, at, value.length) });
    }
    if (!segment.setCookie) {
      for (const value of sessionCookies) {
        const at = text.indexOf(value);
        if (at !== -1) findings.push({ rule: "session cookie value outside Set-Cookie", where, excerpt: excerpt(text, at, value.length) });
      }
    }
    for (const pattern of PATTERNS) {
      for (const match of text.matchAll(pattern.regex)) {
        if (pattern.rule === "access token" && !isAccessTokenJwt(match[0])) continue;
        // a harvested value is reported above (outside its response) or allowed (inside it)
        if (pattern.allowedIfHarvested && once.has(match[0])) continue;
        findings.push({ rule: pattern.rule, where, excerpt: excerpt(text, match.index, match[0].length) });
      }
    }
    // JWK-looking objects with private members, in plain or escaped JSON
    const unescaped = text.includes('\\"') ? text.replace(/\\+"/g, '"') : text;
    for (const match of unescaped.matchAll(/\{[^{}]*"kty"\s*:[^{}]*\}/g)) {
      if (PRIVATE_JWK_MEMBER.test(match[0])) findings.push({ rule: "private JWK", where, excerpt: excerpt(unescaped, match.index, match[0].length) });
    }
  };

  check({ where: "warden.log", text: input.log, setCookie: false }, null);
  input.captures.forEach((capture, index) => {
    for (const segment of segmentsOf(capture)) check(segment, index);
  });
  return { findings, harvested };
}

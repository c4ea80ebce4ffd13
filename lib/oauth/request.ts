// The token, introspection and revocation endpoints work on this small,
// framework-free request shape, so the same code serves Warden's lean HTTP
// path (node:http, lib/server/fast-routes.ts) and ordinary Web Requests (the
// Next.js route files, tests). The form parser keeps repeated parameters, which
// RFC 6749 §3.1 forbids and the endpoints refuse.
import type { IncomingMessage } from "node:http";
import { CLIENT_CERT_HEADER } from "@/lib/http/request-context";
import { OAuthError } from "@/lib/oauth/errors";

export type OAuthRequest = {
  method: string;
  /** the header's value; null when absent; repeated headers are joined with ", " */
  header: (name: string) => string | null;
  /** raw body text (already size-limited) */
  body: string;
  clientIp: string | null;
  requestId: string | null;
  userAgent: string | null;
  /** the client certificate a trusted TLS-terminating proxy forwarded (as it forwarded it), or null */
  clientCertificate: string | null;
};

export const MAX_FORM_BYTES = 64 * 1024;

export type Form = { get: (name: string) => string | undefined; has: (name: string) => boolean; repeated: string[]; names: string[] };

export function parseForm(request: OAuthRequest): Form {
  const type = request.header("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) throw new OAuthError("invalid_request", "The request body must be application/x-www-form-urlencoded");
  const values = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(request.body)) {
    // PostgreSQL cannot store or even compare U+0000 in text: refuse it before any lookup or audit event
    if (name.includes("\u0000") || value.includes("\u0000")) throw new OAuthError("invalid_request", "Parameters must not contain NUL characters (%00)");
    const list = values.get(name) ?? [];
    list.push(value);
    values.set(name, list);
  }
  return {
    get: (name) => values.get(name)?.[0],
    has: (name) => values.has(name),
    repeated: [...values.entries()].filter(([name, list]) => list.length > 1 && name !== "resource").map(([name]) => name),
    names: [...values.keys()],
  };
}

/** Every value of a parameter that may legitimately repeat (RFC 8707 allows several `resource`s; Warden then refuses them). */
export function allValues(request: OAuthRequest, name: string): string[] {
  return new URLSearchParams(request.body).getAll(name);
}

export async function fromWebRequest(request: Request): Promise<OAuthRequest> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_FORM_BYTES) throw new OAuthError("invalid_request", "The request body is too large");
  const body = await request.text();
  if (Buffer.byteLength(body) > MAX_FORM_BYTES) throw new OAuthError("invalid_request", "The request body is too large");
  return {
    method: request.method,
    header: (name) => request.headers.get(name),
    body,
    clientIp: request.headers.get("x-warden-client-ip"),
    requestId: request.headers.get("x-request-id"),
    userAgent: request.headers.get("user-agent"),
    clientCertificate: request.headers.get(CLIENT_CERT_HEADER),
  };
}

/** Reads a node request's body up to the limit (the lean path). */
export function fromNodeRequest(req: IncomingMessage): Promise<OAuthRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES && !failed) {
        failed = true;
        reject(new OAuthError("invalid_request", "The request body is too large"));
        req.resume();
        return;
      }
      if (!failed) chunks.push(chunk);
    });
    req.on("error", (error) => {
      if (!failed) reject(error);
    });
    req.on("end", () => {
      if (failed) return;
      const header = (name: string) => {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      };
      resolve({ method: req.method ?? "GET", header, body: Buffer.concat(chunks).toString("utf8"), clientIp: header("x-warden-client-ip"), requestId: header("x-request-id"), userAgent: header("user-agent"), clientCertificate: header(CLIENT_CERT_HEADER) });
    });
  });
}

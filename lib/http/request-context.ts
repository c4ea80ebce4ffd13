// Request id, client address and user agent of a request. The client address
// comes from a header that Warden's own server sets from the socket (or from
// X-Forwarded-For of a configured trusted proxy) after discarding whatever the
// client sent, so it cannot be spoofed (server/request-meta.ts).
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import type { RequestContext } from "@/lib/auth/actor";

export const REQUEST_ID_HEADER = "x-request-id";
export const CLIENT_IP_HEADER = "x-warden-client-ip";
/** the client certificate a trusted TLS-terminating proxy forwarded (server/request-meta.ts) */
export const CLIENT_CERT_HEADER = "x-warden-client-cert";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

// one CSPRNG call per 341 ids instead of one per request (it showed in profiles of the lean path)
const pool = Buffer.alloc(4092);
let used = pool.length;

export function newRequestId(): string {
  if (used + 12 > pool.length) {
    crypto.randomFillSync(pool);
    used = 0;
  }
  used += 12;
  return `req_${pool.toString("base64url", used - 12, used)}`;
}

export function contextFromHeaders(headers: Headers): RequestContext {
  const given = headers.get(REQUEST_ID_HEADER);
  return {
    requestId: given && REQUEST_ID.test(given) ? given : newRequestId(),
    ip: headers.get(CLIENT_IP_HEADER),
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
  };
}

// Lets code that a library calls back (next-auth callbacks) find the request it serves.
const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | null {
  return storage.getStore() ?? null;
}

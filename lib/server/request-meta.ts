// Stamps every incoming request before any handler sees it: a request id
// (kept if the caller sent a well-formed one), and the client address taken
// from the socket — or, only when the socket is a configured trusted proxy,
// from X-Forwarded-For. A client-sent x-warden-client-ip is always discarded.
// Likewise the client certificate a TLS-terminating proxy forwards (mTLS,
// RFC 8705): copied to x-warden-client-cert only when the socket is a trusted
// proxy; from anyone else the header is ignored and the attempt logged.
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { CLIENT_CERT_HEADER, CLIENT_IP_HEADER, newRequestId, REQUEST_ID_HEADER } from "@/lib/http/request-context";
import { logger } from "@/lib/log";
import type { TrustedProxies } from "@/lib/server/trusted-proxies";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function normalizeAddress(address: string | undefined): string | null {
  if (!address) return null;
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

export function clientAddress(socketAddress: string | null, forwardedFor: string | undefined, trustedProxies: TrustedProxies): string | null {
  if (!socketAddress || !forwardedFor || !trustedProxies.has(socketAddress)) return socketAddress;
  // Walk from the nearest hop outwards; the first address that is not one of
  // our proxies is the client.
  const hops = forwardedFor.split(",").map((hop) => normalizeAddress(hop.trim())).filter((hop): hop is string => Boolean(hop) && isIP(hop!) !== 0);
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    if (!trustedProxies.has(hops[index]!)) return hops[index]!;
  }
  return hops[0] ?? socketAddress;
}

/** Untrusted senders of a certificate header, logged at most once a minute each (a flood must not flood the log). */
const warned = new Map<string, number>();

function stampCertificate(req: IncomingMessage, socketAddress: string | null, trustedProxies: TrustedProxies, certificateHeader: string): void {
  if (CLIENT_CERT_HEADER in req.headers) delete req.headers[CLIENT_CERT_HEADER];
  const forwarded = req.headers[certificateHeader];
  if (forwarded === undefined) return;
  if (socketAddress && trustedProxies.has(socketAddress) && typeof forwarded === "string") {
    req.headers[CLIENT_CERT_HEADER] = forwarded;
    return;
  }
  const key = socketAddress ?? "unknown";
  const now = Date.now();
  if ((warned.get(key) ?? 0) + 60_000 <= now) {
    if (warned.size > 10_000) warned.clear();
    warned.set(key, now);
    logger().warn({ ip: socketAddress, header: certificateHeader, requestId: req.headers[REQUEST_ID_HEADER] }, "ignored a client certificate header from an address that is not a trusted proxy (WARDEN_TRUSTED_PROXIES)");
  }
}

export function stampRequest(req: IncomingMessage, trustedProxies: TrustedProxies, certificateHeader = "x-ssl-client-cert"): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const requestId = typeof given === "string" && REQUEST_ID.test(given) ? given : newRequestId();
  req.headers[REQUEST_ID_HEADER] = requestId;
  const forwarded = req.headers["x-forwarded-for"];
  const socketAddress = normalizeAddress(req.socket.remoteAddress);
  const ip = clientAddress(socketAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, trustedProxies);
  stampCertificate(req, socketAddress, trustedProxies, certificateHeader);
  // delete only when present: deleting a property makes every later header read slower
  if (ip) req.headers[CLIENT_IP_HEADER] = ip;
  else if (CLIENT_IP_HEADER in req.headers) delete req.headers[CLIENT_IP_HEADER];
  // the response carries it too: added as the response is written (lib/server/warden-response.ts)
  return requestId;
}
